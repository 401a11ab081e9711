using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Jobs;

/// <summary>Wakes a background job as soon as there is work for it, so it need not wait for its next poll.</summary>
public abstract class JobSignal
{
    // One pending wake-up is enough: the job reads all of its work when it wakes.
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _channel.Writer.TryWrite(true);

    /// <summary>
    /// Wakes the job after <paramref name="db"/>'s next SaveChanges. Inside an explicit transaction that is before the
    /// commit; the job then finds nothing yet and its next poll does the work.
    /// </summary>
    public void WakeAfterSave(DbContext db)
    {
        EventHandler<SavedChangesEventArgs>? wake = null;
        wake = (_, _) =>
        {
            db.SavedChanges -= wake;
            Wake();
        };
        db.SavedChanges += wake;
    }

    /// <summary>Returns when woken or when the timeout has passed, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await _channel.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
