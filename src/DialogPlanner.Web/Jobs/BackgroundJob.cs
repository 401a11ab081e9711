namespace DialogPlanner.Web.Jobs;

/// <summary>
/// A worker that runs a round, pauses, and runs again until the app stops. An exception in a round is
/// logged and the next round runs as usual: a background job must never die while the app lives on.
/// </summary>
public abstract class BackgroundJob(ILogger log) : BackgroundService
{
    protected abstract Task RunOnceAsync(CancellationToken stoppingToken);

    protected abstract Task PauseAsync(CancellationToken stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "{Job} failed; it runs again after its pause.", GetType().Name);
            }
            try
            {
                await PauseAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
