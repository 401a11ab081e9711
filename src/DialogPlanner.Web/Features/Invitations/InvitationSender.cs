using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Mail;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>
/// Brings every invitee's calendar in line with the event by queuing the REQUEST or CANCEL each one
/// still needs. It only adds outbox rows: the caller's SaveChanges commits them with the change.
/// Invitation.SentSequence records what each invitee has: -1 means no live calendar entry from us.
/// </summary>
public sealed class InvitationSender(Outbox outbox, InvitationMail mail, IOptions<MailSettings> settings, TimeProvider clock)
{
    public int QueueChanges(AppDbContext db, Event e, string baseUrl)
    {
        if (e.Status is EventStatus.Draft or EventStatus.Held) return 0;
        var sender = settings.Value.Sender();
        var organizer = new CalendarPerson(sender.Address, sender.Name);
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = 0;
        foreach (var invitation in e.Invitations)
        {
            var gone = invitation.RemovedAtUtc is not null || e.Status == EventStatus.Cancelled;
            if (gone && invitation.SentSequence >= 0)
            {
                // Someone taken off a list that goes ahead gets a CANCEL of their own, above what they hold.
                var version = e.Status == EventStatus.Cancelled ? e : WithSequence(e, Math.Max(e.CalendarSequence, invitation.SentSequence) + 1);
                Queue(db, version, invitation, InvitationKind.Cancellation, organizer, baseUrl, now);
                invitation.SentSequence = -1;
                queued++;
            }
            else if (!gone && invitation.SentSequence < e.CalendarSequence)
            {
                var kind = invitation.SentSequence < 0 ? InvitationKind.Invitation : InvitationKind.Update;
                Queue(db, e, invitation, kind, organizer, baseUrl, now);
                invitation.SentSequence = e.CalendarSequence;
                queued++;
            }
        }
        return queued;
    }

    /// <summary>
    /// Queues the reminder to one invitee: text and answer links only. A calendar part would have to be a
    /// REQUEST at the same SEQUENCE, which calendars treat as an update of the meeting.
    /// </summary>
    public void QueueReminder(AppDbContext db, Event e, Invitation invitation, string baseUrl)
    {
        var sender = settings.Value.Sender();
        Queue(db, e, invitation, InvitationKind.Reminder, new CalendarPerson(sender.Address, sender.Name), baseUrl, clock.GetUtcNow().UtcDateTime);
    }

    private void Queue(AppDbContext db, Event e, Invitation invitation, InvitationKind kind, CalendarPerson organizer, string baseUrl, DateTime now)
    {
        var eventUrl = e.IsPublic
            ? $"{baseUrl}/kommun/{e.Municipality.Slug}/{StockholmTime.FromUtc(e.StartsAtUtc).Year}"
            : $"{baseUrl}/rsvp/{invitation.Token}";
        var message = mail.Build(new InvitationMailRequest(e, invitation, kind, organizer, baseUrl, eventUrl, now));
        outbox.Enqueue(db, message, kind.ToString().ToLowerInvariant(), invitation.Id == 0 ? null : invitation.Id);
    }

    private static Event WithSequence(Event e, int sequence) => new()
    {
        Id = e.Id, MunicipalityId = e.MunicipalityId, Municipality = e.Municipality, Type = e.Type, Title = e.Title, Description = e.Description,
        StartsAtUtc = e.StartsAtUtc, EndsAtUtc = e.EndsAtUtc, Location = e.Location, Status = e.Status, IsPublic = e.IsPublic,
        CalendarUid = e.CalendarUid, CalendarSequence = sequence,
    };
}
