using System.Data.Common;
using System.Net.Sockets;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Mail;
using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Jobs;

/// <summary>
/// Reads the calendar answers (iMIP REPLY) that invitees' calendars mail to the organiser address, from the
/// <see cref="ImapMailbox"/>, and hands each to <see cref="CalendarReplyHandler"/>. Every message leaves the
/// folder once handled: into the handled folder, or into the set-aside folder when it changed nothing and was
/// reported. A message is moved only after its outcome is saved, so a crash in between reads it again, which
/// records the same answer again (harmless) and reports nothing twice. Between rounds it waits with IMAP IDLE
/// when the server offers it, so answers show up at once. One instance at a time reads, the holder of the
/// <see cref="JobLease.Imap"/> lease; the others ask for it every poll and take it over when its holder died.
/// </summary>
public sealed class ImapReplyWorker(
    ImapMailbox mailbox, IServiceScopeFactory scopes, Instance instance, IOptions<MailSettings> options, TimeProvider time, ILogger<ImapReplyWorker> log)
    : BackgroundJob(log)
{
    private const int BatchSize = 100;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(15);
    private readonly TimeSpan _poll = TimeSpan.FromSeconds(options.Value.Imap.PollSeconds);
    private readonly long _maxMessageBytes = options.Value.Imap.MaxMessageBytes;
    private int _failedRounds;
    private bool _holdsLease;

    /// <summary>
    /// Long enough for a round (the IDLE wait of one poll, then a batch) between renewals, so the lease only runs
    /// out when its holder is gone.
    /// </summary>
    private TimeSpan Lease => _poll * 2 + TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!mailbox.IsConfigured) return;
        try
        {
            await base.ExecuteAsync(stoppingToken);
        }
        finally
        {
            await mailbox.CloseAsync();
            if (_holdsLease)
            {
                using var scope = scopes.CreateScope();
                await JobLease.ReleaseAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), JobLease.Imap, instance.Name, time.GetUtcNow().UtcDateTime);
            }
        }
    }

    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        _failedRounds++;
        if (!await TakeLeaseAsync(stoppingToken))
        {
            _failedRounds = 0;
            return;
        }
        try
        {
            await mailbox.OpenAsync(stoppingToken);
            while (await HandleBatchAsync(stoppingToken) && await TakeLeaseAsync(stoppingToken))
            {
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The connection may be half broken: the next round starts with a fresh one.
            await mailbox.CloseAsync();
            throw;
        }
        _failedRounds = 0;
    }

    /// <returns>Whether this instance holds the lease (taken or renewed); when another does, the mailbox is left to it.</returns>
    private async Task<bool> TakeLeaseAsync(CancellationToken ct)
    {
        bool held;
        using (var scope = scopes.CreateScope())
            held = await JobLease.TryTakeAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), JobLease.Imap, instance.Name,
                time.GetUtcNow().UtcDateTime, Lease, ct);
        if (held != _holdsLease) log.LogInformation(held ? "This instance reads the answer mailbox now." : "Another instance reads the answer mailbox now.");
        _holdsLease = held;
        if (!held) await mailbox.CloseAsync();
        return held;
    }

    protected override async Task PauseAsync(CancellationToken stoppingToken)
    {
        if (_failedRounds > 0)
        {
            // A server that is down or refuses the login is asked less and less often.
            var backoff = _poll * Math.Pow(2, Math.Min(_failedRounds - 1, 20));
            await Task.Delay(backoff < MaxBackoff || _poll > MaxBackoff ? backoff : MaxBackoff, time, stoppingToken);
            return;
        }
        if (_holdsLease && mailbox.CanWaitForMail)
        {
            try
            {
                await mailbox.WaitForMailAsync(_poll, stoppingToken);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("Waiting for new mail with IMAP IDLE failed; reconnecting: {Reason}", e.Message);
                await mailbox.CloseAsync();
                return;
            }
        }
        await Task.Delay(_poll, time, stoppingToken);
    }

    /// <returns>Whether more messages may be waiting.</returns>
    private async Task<bool> HandleBatchAsync(CancellationToken ct)
    {
        var (batch, more) = await mailbox.WaitingAsync(BatchSize, ct);
        if (batch.Count == 0) return false;
        var outcomes = new Dictionary<ReplyOutcome, int>();
        foreach (var waiting in batch)
        {
            var outcome = await HandleAsync(waiting, ct);
            await mailbox.MoveAsync(waiting.Id, outcome == ReplyOutcome.SetAside ? ImapMailbox.Destination.SetAside : ImapMailbox.Destination.Handled, ct);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        log.LogInformation("Read {Count} messages from the answer mailbox: {Outcomes}.", batch.Count,
            string.Join(", ", outcomes.Select(o => $"{o.Value} {o.Key}")));
        return more;
    }

    private async Task<ReplyOutcome> HandleAsync(ImapMailbox.Waiting waiting, CancellationToken ct)
    {
        var receivedAtUtc = waiting.ReceivedAtUtc ?? time.GetUtcNow().UtcDateTime;
        if (waiting.Size is not { } size || size > _maxMessageBytes)
        {
            var why = waiting.Size is null ? "The server did not say how large the message is." : $"{waiting.Size} bytes; Email:Imap:MaxMessageBytes is {_maxMessageBytes}.";
            // Never downloaded: reported from its envelope, the server's summary of its headers.
            using var scope = scopes.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<CalendarReplyHandler>().SetAsideAsync(
                Summary(waiting.Envelope), receivedAtUtc, SetAsideReason.TooLarge, why, null, ct);
        }
        var message = await mailbox.ReadAsync(waiting.Id, ct);
        try
        {
            using var scope = scopes.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<CalendarReplyHandler>().HandleAsync(message, receivedAtUtc, ct);
        }
        catch (Exception e) when (!IsInfrastructure(e))
        {
            // The message's own fault (or a bug it triggers): reported and put aside, so that it does
            // not hold up the answers behind it. A fresh scope: the failed one may hold half a change.
            log.LogError(e, "Calendar answer {MessageId} could not be handled; it is set aside.", message.MessageId);
            using var scope = scopes.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<CalendarReplyHandler>().SetAsideAsync(
                message, receivedAtUtc, SetAsideReason.HandlingFailed, $"{e.GetType().Name}: {e.Message}", null, ct);
        }
    }

    /// <summary>A stand-in holding what the envelope says of a message that is not downloaded, for its set-aside report.</summary>
    private static MimeKit.MimeMessage Summary(Envelope? envelope)
    {
        var message = new MimeKit.MimeMessage();
        if (envelope is null) return message;
        message.From.AddRange(envelope.From);
        message.Subject = envelope.Subject ?? "";
        try
        {
            if (!string.IsNullOrWhiteSpace(envelope.MessageId)) message.MessageId = envelope.MessageId;
        }
        catch (MimeKit.ParseException)
        {
            // A Message-Id MimeKit will not take: reported without one.
        }
        return message;
    }

    /// <summary>Failures of the mail server or the database: nothing to do with the message, so it waits in the inbox.</summary>
    private static bool IsInfrastructure(Exception e) =>
        e is OperationCanceledException or IOException or SocketException or TimeoutException
            or ProtocolException or CommandException or ServiceNotConnectedException or ServiceNotAuthenticatedException
            or MailKit.Security.AuthenticationException or DbException or DbUpdateException
        || (e.InnerException is { } inner && IsInfrastructure(inner));
}
