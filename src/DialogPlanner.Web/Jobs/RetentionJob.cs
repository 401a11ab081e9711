using DialogPlanner.Web.Features.Privacy;

namespace DialogPlanner.Web.Jobs;

/// <summary>
/// Applies the retention settings once a day, the first time some minutes after start (so a changed setting takes
/// effect on the day it is deployed, and a starting instance is not slowed by it).
/// </summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, IConfiguration config, TimeProvider time, ILogger<RetentionJob> log) : BackgroundJob(log)
{
    public const string IntervalKey = "Jobs:RetentionHours";
    public const string FirstDelayKey = "Jobs:RetentionFirstDelayMinutes";
    private bool _waited;

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        if (!_waited)
        {
            _waited = true;
            await Task.Delay(TimeSpan.FromMinutes(config.GetValue<double?>(FirstDelayKey) ?? 10), time, stoppingToken);
        }
        using var scope = scopes.CreateScope();
        var removed = await scope.ServiceProvider.GetRequiredService<Retention>().ApplyAsync(stoppingToken);
        if (removed != new Retention.Removed(0, 0, 0, 0, 0)) log.LogInformation("Retention removed {Removed}.", removed);
    }

    protected override Task PauseAsync(CancellationToken stoppingToken) =>
        Task.Delay(TimeSpan.FromHours(config.GetValue<double?>(IntervalKey) ?? 24), time, stoppingToken);
}
