using DialogPlanner.Web.Data;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DialogPlanner.Web.Jobs;

/// <summary>
/// Delivers the outbox: due messages in the order they were written, each saved as Sent or with its
/// failure before the next one goes, so a crash repeats at most the message in flight (at-least-once).
/// It builds nothing; what to send was decided when the rows were written. There is one instance.
/// </summary>
public sealed class OutboxWorker(
    IServiceScopeFactory scopes, IMailTransport transport, OutboxSignal signal, IOptions<MailSettings> options,
    TimeProvider time, ILogger<OutboxWorker> log) : BackgroundJob(log)
{
    private const int BatchSize = 50;
    private readonly OutboxSettings _settings = options.Value.Outbox;

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        while (await DeliverBatchAsync(stoppingToken))
        {
        }
        await transport.ReleaseIfIdleAsync(stoppingToken);
    }

    protected override Task PauseAsync(CancellationToken stoppingToken) =>
        signal.WaitAsync(TimeSpan.FromSeconds(_settings.PollSeconds), time, stoppingToken);

    /// <returns>Whether more due messages may be waiting.</returns>
    private async Task<bool> DeliverBatchAsync(CancellationToken stoppingToken)
    {
        // A scope per batch: the worker lives as long as the app, a DbContext must not.
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Queued && m.NextAttemptAtUtc <= now)
            .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(stoppingToken);
        for (var i = 0; i < due.Count; i++)
        {
            try
            {
                await DeliverAsync(due[i], stoppingToken);
            }
            catch (MailTransportUnavailableException e)
            {
                // Not the messages' fault: each message of this round counts one attempt, and none is given up.
                log.LogWarning("The mail server is unavailable; {Count} messages wait: {Reason}", due.Count - i, e.Message);
                foreach (var row in due.Skip(i)) Postpone(row, e.Message);
                await db.SaveChangesAsync(CancellationToken.None);
                return false;
            }
            // Saved even while the app stops: a message that went out must not go out again.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        return due.Count == BatchSize;
    }

    private async Task DeliverAsync(OutboxMessage row, CancellationToken stoppingToken)
    {
        MimeMessage message;
        try
        {
            message = MimeMessage.Load(new MemoryStream(row.Mime), stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Fail(row, $"The stored message cannot be read: {e.Message}", permanent: true);
            return;
        }
        try
        {
            await transport.SendAsync(message, stoppingToken);
            row.Status = OutboxStatus.Sent;
            row.SentAtUtc = time.GetUtcNow().UtcDateTime;
            row.LastError = null;
            row.Attempts++;
        }
        catch (MailRejectedException e)
        {
            Fail(row, e.Message, e.Permanent);
        }
        catch (Exception e) when (e is not (MailTransportUnavailableException or OperationCanceledException))
        {
            Fail(row, $"{e.GetType().Name}: {e.Message}", permanent: false);
        }
    }

    private void Fail(OutboxMessage row, string reason, bool permanent)
    {
        row.Attempts++;
        row.LastError = Cut(reason);
        if (permanent || row.Attempts >= _settings.MaxAttempts)
        {
            row.Status = OutboxStatus.Failed;
            log.LogWarning("Outbox message {Id} to {To} failed for good after {Attempts} attempts: {Reason}", row.Id, row.ToAddress, row.Attempts, reason);
        }
        else
        {
            row.NextAttemptAtUtc = time.GetUtcNow().UtcDateTime + _settings.RetryDelay(row.Attempts);
            log.LogInformation("Outbox message {Id} to {To} will be tried again: {Reason}", row.Id, row.ToAddress, reason);
        }
    }

    private void Postpone(OutboxMessage row, string reason)
    {
        row.Attempts++;
        row.LastError = Cut(reason);
        row.NextAttemptAtUtc = time.GetUtcNow().UtcDateTime + _settings.RetryDelay(row.Attempts);
    }

    private static string Cut(string text) => text.Length <= 2000 ? text : text[..2000];
}
