using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Mail;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Jobs;

/// <summary>Looks for due reminders every <c>Email:Reminders:CheckSeconds</c> and queues them; the outbox worker delivers.</summary>
public sealed class ReminderWorker(IServiceScopeFactory scopes, IOptions<MailSettings> options, TimeProvider time, ILogger<ReminderWorker> log)
    : BackgroundJob(log)
{
    private readonly ReminderSettings _settings = options.Value.Reminders;

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        if (_settings.DaysBefore <= 0) return;
        // A scope per round: the worker lives as long as the app, a DbContext must not.
        using var scope = scopes.CreateScope();
        var queued = await scope.ServiceProvider.GetRequiredService<ReminderQueue>().QueueDueAsync(stoppingToken);
        if (queued > 0) log.LogInformation("Queued {Count} reminders.", queued);
    }

    protected override Task PauseAsync(CancellationToken stoppingToken) =>
        Task.Delay(TimeSpan.FromSeconds(_settings.CheckSeconds), time, stoppingToken);
}
