using DialogPlanner.Web.Data;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DialogPlanner.Web.Jobs;

/// <summary>
/// Delivers the outbox: due messages in the order they were written, saved as Sent or with their failure once a
/// batch (or at least every <see cref="OutboxSettings.SaveSeconds"/>), so a crash repeats at most the messages of the
/// unsaved part of a batch (at-least-once), each with the same Message-Id, which makes the repeat recognisable. It builds nothing; what to send was decided when the rows were written. Several instances
/// share the outbox by claiming batches (<see cref="OutboxMessage.ClaimedUntilUtc"/>, docs/decisions/0014).
/// </summary>
public sealed class OutboxWorker(
    IServiceScopeFactory scopes, Instance instance, IMailTransport transport, OutboxSignal signal, IOptions<MailSettings> options,
    TimeProvider time, ILogger<OutboxWorker> log) : BackgroundJob(log)
{
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
        var claimedAt = time.GetUtcNow().UtcDateTime;
        var due = await ClaimAsync(db, claimedAt, stoppingToken);
        // Half the lease for the batch: what is left then goes back, so a claim that ran out means its holder died.
        var stopAt = claimedAt + _settings.Lease / 2;
        var savedAt = claimedAt;
        for (var i = 0; i < due.Count; i++)
        {
            if (stoppingToken.IsCancellationRequested || time.GetUtcNow().UtcDateTime > stopAt)
            {
                await ReleaseAsync(db, due.Skip(i));
                return !stoppingToken.IsCancellationRequested;
            }
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
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: the message in flight and the rest are free for the next instance at once.
                await ReleaseAsync(db, due.Skip(i));
                throw;
            }
            // Many rows a commit (docs/decisions/0002): after a crash the unsaved ones go out again, with the same
            // Message-Id. Saved at least every SaveSeconds, so a slow server repeats little and the progress moves.
            if (time.GetUtcNow().UtcDateTime - savedAt >= TimeSpan.FromSeconds(_settings.SaveSeconds))
            {
                await db.SaveChangesAsync(CancellationToken.None);
                savedAt = time.GetUtcNow().UtcDateTime;
            }
        }
        // Saved even while the app stops: a message that went out must not go out again.
        await db.SaveChangesAsync(CancellationToken.None);
        return due.Count == _settings.BatchSize;
    }

    /// <summary>
    /// Claims the next due messages for this instance. On PostgreSQL in one statement that skips the rows other
    /// instances are claiming at that moment, and takes over claims that ran out (their instance died); SQLite
    /// serves one instance, so whatever is due is its own.
    /// </summary>
    private async Task<List<OutboxMessage>> ClaimAsync(AppDbContext db, DateTime now, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return await db.OutboxMessages
                .Where(m => m.Status == OutboxStatus.Queued && m.NextAttemptAtUtc <= now)
                .OrderBy(m => m.Id).Take(_settings.BatchSize).ToListAsync(ct);
        }
        var until = now + _settings.Lease;
        var queued = nameof(OutboxStatus.Queued);
        var claimed = await db.OutboxMessages.FromSql($"""
            UPDATE "OutboxMessages" SET "ClaimedBy" = {instance.Name}, "ClaimedUntilUtc" = {until}
            WHERE "Id" IN (
                SELECT "Id" FROM "OutboxMessages"
                WHERE "Status" = {queued} AND "NextAttemptAtUtc" <= {now} AND ("ClaimedUntilUtc" IS NULL OR "ClaimedUntilUtc" <= {now})
                ORDER BY "Id" LIMIT {_settings.BatchSize}
                FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).ToListAsync(ct);
        return claimed.OrderBy(m => m.Id).ToList();
    }

    private static async Task ReleaseAsync(AppDbContext db, IEnumerable<OutboxMessage> rows)
    {
        foreach (var row in rows) row.ClaimedUntilUtc = null;
        await db.SaveChangesAsync(CancellationToken.None);
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
            row.ClaimedUntilUtc = null;
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
        row.ClaimedUntilUtc = null;
        row.LastError = Cut(reason);
        if (permanent || row.Attempts >= _settings.MaxAttempts)
        {
            row.Status = OutboxStatus.Failed;
            log.LogWarning("Outbox message {Id} ({Kind}, invitation {Invitation}) failed for good after {Attempts} attempts: {Reason}", row.Id, row.Kind, row.InvitationId, row.Attempts, Anonymous(row, reason));
        }
        else
        {
            row.NextAttemptAtUtc = time.GetUtcNow().UtcDateTime + _settings.RetryDelay(row.Attempts);
            log.LogInformation("Outbox message {Id} ({Kind}, invitation {Invitation}) will be tried again: {Reason}", row.Id, row.Kind, row.InvitationId, Anonymous(row, reason));
        }
    }

    private void Postpone(OutboxMessage row, string reason)
    {
        row.Attempts++;
        row.ClaimedUntilUtc = null;
        row.LastError = Cut(reason);
        row.NextAttemptAtUtc = time.GetUtcNow().UtcDateTime + _settings.RetryDelay(row.Attempts);
    }

    // Logs name people by id: a server's refusal often quotes the recipient's address.
    private static string Anonymous(OutboxMessage row, string reason) =>
        reason.Replace(row.ToAddress, $"<recipient of message {row.Id}>", StringComparison.OrdinalIgnoreCase);

    private static string Cut(string text) => text.Length <= 2000 ? text : text[..2000];
}
