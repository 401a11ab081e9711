using DialogPlanner.Web.Data;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace DialogPlanner.Web.Mail;

/// <summary>
/// Puts e-mail in the outbox. It only adds rows: the caller's SaveChanges commits them together with
/// the change that caused them, and the <see cref="Jobs.OutboxWorker"/> delivers them afterwards.
/// One per scope, writing to that scope's <see cref="AppDbContext"/>.
/// </summary>
public sealed class Outbox(AppDbContext db, IOptions<MailSettings> settings, OutboxSignal signal, TimeProvider time)
{
    /// <summary>
    /// Adds <paramref name="message"/> to the context without saving. The message must have exactly one
    /// recipient, so that a rejection concerns one row. A missing sender, date or Message-Id is filled in;
    /// the Message-Id stays the same on every attempt, so a duplicate after a crash is recognisable.
    /// </summary>
    public OutboxMessage Enqueue(MimeMessage message, string kind, int? invitationId = null)
    {
        var recipients = message.GetRecipients(onlyUnique: true);
        if (recipients.Count != 1)
            throw new ArgumentException($"An outbox message has exactly one recipient; this one has {recipients.Count}.", nameof(message));
        var now = time.GetUtcNow();
        if (message.From.Count == 0) message.From.Add(settings.Value.Sender());
        if (string.IsNullOrEmpty(message.MessageId)) message.MessageId = MimeUtils.GenerateMessageId(settings.Value.Sender().Domain);
        if (!message.Headers.Contains(HeaderId.Date)) message.Date = now;

        using var mime = new MemoryStream();
        message.WriteTo(mime);
        var row = new OutboxMessage
        {
            ToAddress = recipients[0].Address,
            ToName = recipients[0].Name is { Length: > 0 } name ? Cut(name, 200) : null,
            Subject = Cut(message.Subject ?? "", 300),
            Mime = mime.ToArray(),
            Kind = kind,
            InvitationId = invitationId,
            Status = OutboxStatus.Queued,
            NextAttemptAtUtc = now.UtcDateTime,
            CreatedAtUtc = now.UtcDateTime,
        };
        db.OutboxMessages.Add(row);
        WakeWorkerAfterSave();
        return row;
    }

    /// <summary>
    /// Saves the pending change, then the mail <paramref name="queue"/> adds for it, in one transaction: for mail
    /// that needs what the first save gives (the id of a new task for its link, of a new invitation for its row).
    /// Either both are committed or neither is.
    /// </summary>
    /// <returns>What <paramref name="queue"/> returned, e.g. how many messages it queued.</returns>
    public async Task<T> SaveWithMailAsync<T>(Func<Task<T>> queue, CancellationToken ct = default)
    {
        T result;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            result = await queue();
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        // The wake-up after the SaveChanges came before the commit; this one finds the rows.
        signal.Wake();
        return result;
    }

    /// <inheritdoc cref="SaveWithMailAsync{T}(Func{Task{T}}, CancellationToken)"/>
    public Task<T> SaveWithMailAsync<T>(Func<T> queue, CancellationToken ct = default) => SaveWithMailAsync(() => Task.FromResult(queue()), ct);

    /// <summary>
    /// Gives a Failed message a fresh start on the organiser's word (e.g. the recipient's mailbox was fixed):
    /// due now, with the full number of tries. The same bytes and Message-Id go out; nothing is rebuilt.
    /// </summary>
    public void Retry(OutboxMessage row)
    {
        if (row.Status != OutboxStatus.Failed) throw new InvalidOperationException($"Outbox message {row.Id} is {row.Status}; only a Failed one is sent again.");
        row.Status = OutboxStatus.Queued;
        row.Attempts = 0;
        row.LastError = null;
        row.NextAttemptAtUtc = time.GetUtcNow().UtcDateTime;
        WakeWorkerAfterSave();
    }

    // The columns are for lists; the full texts stay in the MIME bytes.
    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    private void WakeWorkerAfterSave() => signal.WakeAfterSave(db);
}
