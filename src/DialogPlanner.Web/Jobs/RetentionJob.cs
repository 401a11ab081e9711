using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Privacy;

namespace DialogPlanner.Web.Jobs;

/// <summary>
/// Applies the retention settings once a day, the first time some minutes after start (so a changed setting takes
/// effect on the day it is deployed, and a starting instance is not slowed by it). With several instances it runs
/// on one: the <see cref="JobLease.Retention"/> lease is taken for the whole interval, so it also says when the
/// last run was; when its holder is gone, another instance runs it once the interval is over.
/// </summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, Instance instance, IConfiguration config, TimeProvider time, ILogger<RetentionJob> log)
    : BackgroundJob(log)
{
    public const string IntervalKey = "Jobs:RetentionHours";
    public const string FirstDelayKey = "Jobs:RetentionFirstDelayMinutes";
    private bool _waited;
    private bool _holds;

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        if (!_waited)
        {
            _waited = true;
            await Task.Delay(TimeSpan.FromMinutes(config.GetValue<double?>(FirstDelayKey) ?? 10), time, stoppingToken);
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        _holds = await JobLease.TryTakeAsync(db, JobLease.Retention, instance.Name, time.GetUtcNow().UtcDateTime, Interval, stoppingToken);
        if (!_holds) return;
        var removed = await scope.ServiceProvider.GetRequiredService<Retention>().ApplyAsync(stoppingToken);
        if (removed != Retention.Removed.Nothing) log.LogInformation("Retention removed {Removed}.", removed);
    }

    protected override Task PauseAsync(CancellationToken stoppingToken) =>
        // An instance that does not run it asks again within the hour, so a dead holder's day is not skipped for long.
        Task.Delay(_holds || Interval < TimeSpan.FromHours(1) ? Interval : TimeSpan.FromHours(1), time, stoppingToken);

    private TimeSpan Interval => TimeSpan.FromHours(config.GetValue<double?>(IntervalKey) ?? 24);
}
