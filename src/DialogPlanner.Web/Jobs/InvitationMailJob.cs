using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Jobs;

/// <summary>Wakes the <see cref="InvitationMailJob"/> when a saved change leaves a large mailing to it.</summary>
public sealed class InvitationMailSignal : JobSignal;

/// <summary>
/// Builds the invitation mail a saved change left to it (events marked <see cref="Event.MailOwedSinceUtc"/>): a large
/// mailing is not built in the organiser's request (docs/decisions/0022). Per event, <see cref="BatchSize"/> messages
/// at a time, by the one rule of <see cref="InvitationSender.Pending"/>: their outbox rows and the invitations' new
/// SentSequence are one SaveChanges, so a crash loses nothing and repeats nothing. One instance builds at a time
/// (<see cref="JobLease.InvitationMail"/>), and requests leave a marked event's mail to the job, so no invitee's
/// message is built twice.
/// </summary>
public sealed class InvitationMailJob(
    IServiceScopeFactory scopes, Instance instance, InvitationMailSignal signal, IOptions<MailSettings> options,
    TimeProvider time, ILogger<InvitationMailJob> log) : BackgroundJob(log)
{
    public const int BatchSize = 100;
    // Renewed with every batch; a holder that died blocks the others this long at most.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        List<int> events;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            events = await db.Events.Where(e => e.MailOwedSinceUtc != null).OrderBy(e => e.MailOwedSinceUtc).Select(e => e.Id).ToListAsync(stoppingToken);
            if (events.Count == 0) return;
        }
        try
        {
            foreach (var eventId in events)
            {
                while (await BuildBatchAsync(eventId, stoppingToken))
                {
                }
            }
        }
        finally
        {
            // At once, not when it runs out: another instance (or a test) may take the next round.
            using var scope = scopes.CreateScope();
            await JobLease.ReleaseAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), JobLease.InvitationMail, instance.Name, time.GetUtcNow().UtcDateTime);
        }
    }

    protected override Task PauseAsync(CancellationToken stoppingToken) =>
        signal.WaitAsync(TimeSpan.FromSeconds(options.Value.Outbox.PollSeconds), time, stoppingToken);

    /// <returns>Whether the event may owe more.</returns>
    private async Task<bool> BuildBatchAsync(int eventId, CancellationToken stoppingToken)
    {
        // A scope per batch: the tracked outbox rows (with their MIME bytes) go with it.
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!await JobLease.TryTakeAsync(db, JobLease.InvitationMail, instance.Name, time.GetUtcNow().UtcDateTime, Lease, stoppingToken)) return false;
        var e = await db.Events.Include(x => x.Municipality).SingleOrDefaultAsync(x => x.Id == eventId, stoppingToken);
        if (e?.MailOwedSinceUtc is not { } owedSince) return false;
        // Only this batch's invitees, by the same rule in SQL: they become the tracked event's Invitations, so Pending
        // sees them alone. Reading all 1,000 for each batch of 100 cost more than building their mails.
        await InvitationSender.Owed(db.Invitations).Where(i => i.EventId == eventId).OrderBy(i => i.Id).Take(BatchSize).LoadAsync(stoppingToken);
        var queued = scope.ServiceProvider.GetRequiredService<InvitationSender>().QueueChanges(e, BatchSize);
        if (queued > 0) await db.SaveChangesAsync(stoppingToken);
        if (queued == BatchSize) return true;
        // All built. Unmarked only if no request marked it again meanwhile (then the next round looks again); outside
        // the change tracker, so the event's Version stays and an organiser's form open on it still saves.
        await db.Events.Where(x => x.Id == eventId && x.MailOwedSinceUtc == owedSince)
            .ExecuteUpdateAsync(x => x.SetProperty(p => p.MailOwedSinceUtc, (DateTime?)null), stoppingToken);
        return false;
    }
}
