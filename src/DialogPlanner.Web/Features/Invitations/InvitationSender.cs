using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Jobs;
using DialogPlanner.Web.Mail;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>
/// Brings every invitee's calendar in line with the event by queuing the REQUEST or CANCEL each one
/// still needs. It only adds outbox rows: the caller's SaveChanges commits them with the change.
/// Invitation.SentSequence records what each invitee has: -1 means no live calendar entry from us.
/// </summary>
public sealed class InvitationSender(
    AppDbContext db, Outbox outbox, InvitationMail mail, Links links, IOptions<MailSettings> settings, TimeProvider clock, InvitationMailSignal signal)
{
    // Each municipality's slug and whether it has a published promise, asked once per scope: a list of 300 asks once.
    private readonly Dictionary<int, (string Slug, bool Published)> _municipalities = [];

    /// <summary>
    /// Whether a request that changed the event leaves its mail to the <see cref="Jobs.InvitationMailJob"/>: a mailing
    /// larger than one the organiser is not asked about, or any while the job still owes this event mail (then both
    /// would build for the same invitees). Otherwise the request builds the few messages itself, committed with the
    /// change (docs/decisions/0022). When deferring, the event is marked for the job, which is woken after the save.
    /// </summary>
    public bool Defer(Event e)
    {
        if (e.MailOwedSinceUtc is null && Pending(e).Count <= Confirmation.MailThreshold) return false;
        e.MailOwedSinceUtc = clock.GetUtcNow().UtcDateTime;
        signal.WakeAfterSave(db);
        return true;
    }

    /// <summary>Queues the event's mail now or leaves it to the job (<see cref="Defer"/>); either way the caller saves.</summary>
    /// <returns>How many messages go out, now or from the job.</returns>
    public int QueueOrDefer(Event e) => Defer(e) ? Pending(e).Count : QueueChanges(e);

    /// <param name="limit">At most this many messages, the first pending ones; the rest stay pending.</param>
    /// <returns>How many messages were queued.</returns>
    public int QueueChanges(Event e, int limit = int.MaxValue)
    {
        var pending = Pending(e).Take(limit).ToList();
        if (pending.Count == 0) return 0;
        var organizer = Organizer();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (invitation, kind) in pending)
        {
            if (kind == InvitationKind.Cancellation)
            {
                // Someone taken off a list that goes ahead gets a CANCEL of their own, above what they hold.
                var version = e.Status == EventStatus.Cancelled ? e : WithSequence(e, Math.Max(e.CalendarSequence, invitation.SentSequence) + 1);
                Queue(version, invitation, kind, organizer, now);
                invitation.SentSequence = -1;
            }
            else
            {
                Queue(e, invitation, kind, organizer, now);
                invitation.SentSequence = e.CalendarSequence;
            }
        }
        return pending.Count;
    }

    /// <summary>
    /// Who must be told what for the event's calendars to match it as it stands (saved or not): what
    /// <see cref="QueueChanges"/> sends, and what a confirmation page counts before a mass mailing.
    /// </summary>
    public static IReadOnlyList<(Invitation Invitation, InvitationKind Kind)> Pending(Event e)
    {
        if (e.Status is EventStatus.Draft or EventStatus.Held) return [];
        var pending = new List<(Invitation, InvitationKind)>();
        foreach (var invitation in e.Invitations)
        {
            // Drop-ins checked in on the walk day, already there: no calendar of ours to keep in line (and maybe no address).
            if (invitation.CheckedInAtUtc is not null) continue;
            var gone = invitation.RemovedAtUtc is not null || e.Status == EventStatus.Cancelled;
            if (gone && invitation.SentSequence >= 0) pending.Add((invitation, InvitationKind.Cancellation));
            else if (!gone && invitation.SentSequence < e.CalendarSequence)
                pending.Add((invitation, invitation.SentSequence < 0 ? InvitationKind.Invitation : InvitationKind.Update));
        }
        return pending;
    }

    /// <summary>
    /// The invitations <see cref="Pending"/> names, as a query: what the invitees page counts as still being prepared
    /// while the job owes the event mail. The same rule; keep the two in step.
    /// </summary>
    public static IQueryable<Invitation> Owed(IQueryable<Invitation> invitations) =>
        invitations.Where(i => i.CheckedInAtUtc == null
            && (i.Event.Status == EventStatus.Scheduled || i.Event.Status == EventStatus.Cancelled)
            && ((i.RemovedAtUtc != null || i.Event.Status == EventStatus.Cancelled)
                ? i.SentSequence >= 0
                : i.SentSequence < i.Event.CalendarSequence));

    /// <summary>
    /// Queues the reminder to one invitee: text and answer links only. A calendar part would have to be a
    /// REQUEST at the same SEQUENCE, which calendars treat as an update of the meeting.
    /// </summary>
    public void QueueReminder(Event e, Invitation invitation) =>
        Queue(e, invitation, InvitationKind.Reminder, Organizer(), clock.GetUtcNow().UtcDateTime);

    private CalendarPerson Organizer()
    {
        var sender = settings.Value.Sender();
        return new CalendarPerson(sender.Address, sender.Name);
    }

    private void Queue(Event e, Invitation invitation, InvitationKind kind, CalendarPerson organizer, DateTime now)
    {
        // "More about the meeting" is the invitee's own page, which always exists; the public page only
        // when there is one to see (it answers 404 until a promise of the municipality is published).
        var (slug, published) = MunicipalityOf(e.MunicipalityId);
        var publicUrl = e.IsPublic && published ? links.PublicPromise(slug) : null;
        var message = mail.Build(new InvitationMailRequest(e, invitation, kind, organizer, links.Rsvp(invitation.Token), links.Privacy(slug), now, publicUrl));
        outbox.Enqueue(message, kind.ToString().ToLowerInvariant(), invitation.Id == 0 ? null : invitation.Id);
    }

    // Synchronous: the senders run inside Outbox.SaveWithMailAsync's synchronous callback.
    private (string Slug, bool Published) MunicipalityOf(int municipalityId)
    {
        if (!_municipalities.TryGetValue(municipalityId, out var found))
        {
            var m = db.Municipalities.Where(m => m.Id == municipalityId)
                .Select(m => new { m.Slug, Published = db.CitizenPromises.Any(p => p.MunicipalityId == m.Id && p.PublishedAtUtc != null) })
                .Single();
            _municipalities[municipalityId] = found = (m.Slug, m.Published);
        }
        return found;
    }

    private static Event WithSequence(Event e, int sequence) => new()
    {
        Id = e.Id, MunicipalityId = e.MunicipalityId, Municipality = e.Municipality, Type = e.Type, Title = e.Title, Description = e.Description,
        StartsAtUtc = e.StartsAtUtc, EndsAtUtc = e.EndsAtUtc, Location = e.Location, Status = e.Status, IsPublic = e.IsPublic,
        CalendarUid = e.CalendarUid, CalendarSequence = sequence,
    };
}
