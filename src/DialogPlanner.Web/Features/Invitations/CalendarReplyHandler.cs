using DialogPlanner.Web.Data;
using DialogPlanner.Web.Data.Configurations;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DialogPlanner.Web.Features.Invitations;

public enum ReplyOutcome
{
    /// <summary>The invitee's answer was recorded.</summary>
    Recorded,
    /// <summary>A genuine answer that changes nothing: to an older version of the event, or to one that is over.</summary>
    Ignored,
    /// <summary>Not usable as an answer; reported as a <see cref="SetAsideReply"/>.</summary>
    SetAside,
}

/// <summary>
/// Turns one message of the answer mailbox into an RSVP, through the same <see cref="RsvpRecorder"/>
/// as the personal links, or reports why it cannot. The message must name a known event (UID), one of
/// its invitees (ATTENDEE), and come from that invitee: anyone can mail the mailbox.
/// </summary>
public sealed class CalendarReplyHandler(
    AppDbContext db, RsvpRecorder recorder, IOptions<MailSettings> options, TimeProvider clock, ILogger<CalendarReplyHandler> log)
{
    private readonly ImapSettings _imap = options.Value.Imap;

    public async Task<ReplyOutcome> HandleAsync(MimeMessage message, DateTime receivedAtUtc, CancellationToken ct)
    {
        // A From: address proves nothing by itself: when the receiving server checks senders, its word decides.
        if (!string.IsNullOrWhiteSpace(_imap.TrustAuthenticationResults)
            && ReplyAuthentication.Problem(message, _imap.TrustAuthenticationResults) is { } unverified)
            return await SetAsideAsync(message, receivedAtUtc, SetAsideReason.NotAuthenticated, unverified, null, ct);
        var reading = CalendarReplyReader.Read(message, _imap.MaxPartBytes);
        if (reading.Reply is not { } reply) return await SetAsideAsync(message, receivedAtUtc, reading.Problem, reading.Detail, null, ct);

        var ev = await db.Events.SingleOrDefaultAsync(e => e.CalendarUid == reply.Uid, ct);
        if (ev is null) return await SetAsideAsync(message, receivedAtUtc, SetAsideReason.UnknownEvent, $"UID:{reply.Uid}", null, ct);
        var attendee = EmailAddress.Normalize(reply.Attendee);
        var senders = message.From.Mailboxes.Select(m => EmailAddress.Normalize(m.Address)).Distinct().ToList();
        if (senders is not [var sender] || sender != attendee)
            return await SetAsideAsync(message, receivedAtUtc, SetAsideReason.SenderNotAttendee,
                $"From: {string.Join(", ", senders)}; ATTENDEE: {reply.Attendee}", ev.Id, ct);
        // Found in SQL by the normalised address, not among every invitation of the event.
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.EventId == ev.Id && i.RemovedAtUtc == null && i.NormalizedEmail == attendee, ct);
        if (invitation is null) return await SetAsideAsync(message, receivedAtUtc, SetAsideReason.NotInvited, reply.Attendee, ev.Id, ct);

        // RFC 5546: an answer to an older SEQUENCE answered a version that no longer holds.
        if (reply.Sequence < ev.CalendarSequence)
        {
            log.LogInformation("Calendar answer of invitation {InvitationId} to SEQUENCE {Sequence} ignored; event {EventId} is at {Current}.",
                invitation.Id, reply.Sequence, ev.Id, ev.CalendarSequence);
            return ReplyOutcome.Ignored;
        }
        // As with the personal link: a cancelled or held event takes no more answers.
        if (!ev.TakesAnswers)
        {
            log.LogInformation("Calendar answer of invitation {InvitationId} ignored; event {EventId} is {Status}.", invitation.Id, ev.Id, ev.Status);
            return ReplyOutcome.Ignored;
        }
        await recorder.RecordAsync(invitation, reply.Answer, "imap", ct);
        return ReplyOutcome.Recorded;
    }

    /// <summary>Reports a message as set aside. A message reported before (the app stopped before moving it) is not reported twice.</summary>
    public async Task<ReplyOutcome> SetAsideAsync(
        MimeMessage message, DateTime receivedAtUtc, SetAsideReason reason, string? detail, int? eventId, CancellationToken ct)
    {
        var messageId = Cut(message.MessageId, SetAsideReplyConfiguration.MessageIdLength);
        if (messageId is not null && await db.SetAsideReplies.AnyAsync(r => r.MessageId == messageId, ct)) return ReplyOutcome.SetAside;
        var setAside = db.SetAsideReplies.Add(new SetAsideReply
        {
            ReceivedAtUtc = receivedAtUtc,
            SetAsideAtUtc = clock.GetUtcNow().UtcDateTime,
            FromAddress = Cut(message.From.ToString(), SetAsideReplyConfiguration.FromLength),
            Subject = Cut(message.Subject, SetAsideReplyConfiguration.SubjectLength),
            MessageId = messageId,
            Reason = reason,
            Detail = Cut(detail, SetAsideReplyConfiguration.DetailLength),
            EventId = eventId,
        }).Entity;
        await db.SaveChangesAsync(ct);
        // Logs name people by id: the sender and the detail (which may quote addresses) stay in the row, for administrators.
        log.LogWarning("Message {MessageId} set aside as reply {SetAsideId}: {Reason}", messageId, setAside.Id, reason);
        return ReplyOutcome.SetAside;
    }

    private static string? Cut(string? text, int length)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return text.Length <= length ? text : text[..(length - 1)] + "…";
    }
}
