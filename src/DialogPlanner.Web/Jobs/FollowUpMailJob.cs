using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Jobs;

/// <summary>
/// The mail nobody clicks for: one notice per open task that passed its due date, and walk feedback
/// whose date has come. Each task is saved with its notice on its own, so a task changed meanwhile
/// only waits for the next round and never gets a second notice.
/// </summary>
public sealed class FollowUpMailJob(IServiceScopeFactory scopes, IConfiguration config, TimeProvider time, ILogger<FollowUpMailJob> log)
    : BackgroundJob(log)
{
    public const string IntervalKey = "Jobs:FollowUpMailSeconds";

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var today = StockholmTime.Today(time);
        await SendOverdueNoticesAsync(db, scope.ServiceProvider.GetRequiredService<TaskMail>(), today, stoppingToken);
        var feedback = await scope.ServiceProvider.GetRequiredService<WalkFeedback>().SendDueAsync(today, stoppingToken);
        if (feedback > 0) log.LogInformation("Feedback of {Count} walks queued.", feedback);
    }

    protected override Task PauseAsync(CancellationToken stoppingToken) =>
        Task.Delay(TimeSpan.FromSeconds(config.GetValue<double?>(IntervalKey) ?? 900), time, stoppingToken);

    private async Task SendOverdueNoticesAsync(AppDbContext db, TaskMail mail, DateOnly today, CancellationToken ct)
    {
        var overdue = await db.FollowUpTasks.Where(x => FollowUpTask.OpenStatuses.Contains(x.Status) && x.DueDate < today && x.OverdueNoticeSentAtUtc == null)
            .OrderBy(x => x.DueDate).Select(x => x.Id).ToListAsync(ct);
        foreach (var id in overdue)
        {
            var task = await db.FollowUpTasks.Include(x => x.Findings).SingleAsync(x => x.Id == id, ct);
            await mail.QueueAsync(task, TaskMail.Overdue, ct);
            task.OverdueNoticeSentAtUtc = time.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                log.LogInformation("Task {Task} changed while its overdue notice was written; the next round decides.", id);
            }
            db.ChangeTracker.Clear();
        }
    }
}
