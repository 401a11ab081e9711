using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Walks;

namespace DialogPlanner.Web.Features.Events;

public enum EventType
{
    DialogueMeeting,
    SafetyWalk,
    LandlordMeeting,
    CentreAssociationMeeting,
    NeighbourhoodWatchMeeting,
    FarmWalk,
}

public enum EventStatus
{
    Draft,
    Scheduled,
    Held,
    Cancelled,
}

/// <summary>
/// A meeting or walk. Times are stored in UTC and shown in Europe/Stockholm; the calendar UID and
/// sequence live here because every invitation of the event shares them.
/// </summary>
public class Event : Data.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality Municipality { get; set; } = null!;
    public EventType Type { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public DateTime StartsAtUtc { get; set; }
    public DateTime EndsAtUtc { get; set; }
    public required string Location { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public EventStatus Status { get; set; }
    /// <summary>Why it was cancelled, in the organiser's words: it goes into the cancellation mail and stays on the event page.</summary>
    public string? CancellationReason { get; set; }
    public const int CancellationReasonMaxLength = 1000;
    /// <summary>Null means no limit.</summary>
    public int? Capacity { get; set; }
    /// <summary>Open to the public: listed on the public pages and feed.</summary>
    public bool IsPublic { get; set; }
    public int? PledgeId { get; set; }
    public Pledge? Pledge { get; set; }
    /// <summary>Filled in when the event is marked held.</summary>
    public int? AttendanceCount { get; set; }
    public string? Minutes { get; set; }
    /// <summary>iCalendar UID, the same for the first invitation, every update and the cancellation.</summary>
    public string CalendarUid { get; set; } = $"{Guid.NewGuid():N}@dialogplanner";
    /// <summary>iCalendar SEQUENCE: raised on every change that matters to attendees.</summary>
    public int CalendarSequence { get; set; }
    public List<Invitation> Invitations { get; set; } = [];
    /// <summary>
    /// Set when a change left the invitees' mail to the InvitationMailJob (a large mailing); cleared by the job once it
    /// has built it all, unless set again meanwhile. Only such events are the job's: imported or seeded invitations
    /// are never mailed unasked (docs/decisions/0022).
    /// </summary>
    public DateTime? MailOwedSinceUtc { get; set; }
    /// <summary>For a preparatory or follow-up meeting: the walk it belongs to.</summary>
    public int? WalkEventId { get; set; }
    public WalkMeetingRole? WalkRole { get; set; }
    /// <summary>For a re-walk: the walk whose open tasks it checks.</summary>
    public int? PreviousWalkId { get; set; }
    public List<WalkStop> Stops { get; set; } = [];
    public DateTime? ProtocolPublishedAtUtc { get; set; }
    /// <summary>When participants were told what became of their findings (återkoppling).</summary>
    public DateTime? FeedbackSentAtUtc { get; set; }
    /// <summary>The day the organiser wants feedback to go out even if tasks are still open; null: only when all are closed.</summary>
    public DateOnly? FeedbackDate { get; set; }
    /// <summary>The short code on the walk sheet that drop-ins type (or scan) to check in; made when the sheet is first opened.</summary>
    public string? CheckInCode { get; set; }
    /// <summary>The organiser turned walk-day check-in off.</summary>
    public bool CheckInClosed { get; set; }
    public Guid Version { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Not yet held or cancelled: it can still be edited, moved or cancelled.</summary>
    public bool IsOpen => Status is EventStatus.Draft or EventStatus.Scheduled;

    /// <summary>Answers (link, calendar reply) still count; once held or cancelled they change nothing.</summary>
    public bool TakesAnswers => IsOpen;

    /// <summary>The personal answer link takes answers while <see cref="TakesAnswers"/> and the event has not ended yet.</summary>
    public bool TakesLinkAnswers(DateTime nowUtc) => TakesAnswers && nowUtc < EndsAtUtc;

    /// <summary>
    /// A walk takes findings (and re-walk checks) until <paramref name="closesDaysAfter"/> days after it ended, so late
    /// notes from the evening still count; a cancelled walk takes none at once.
    /// </summary>
    public bool RecordingOpen(DateTime nowUtc, int closesDaysAfter) =>
        Status != EventStatus.Cancelled && nowUtc < EndsAtUtc.AddDays(closesDaysAfter);

    /// <summary>People can still be added to or taken off the list.</summary>
    public bool InviteesCanChange => IsOpen;

    /// <summary>Cancels an open event for the given reason; calendars see a cancellation only with a higher SEQUENCE.</summary>
    public void Cancel(string reason)
    {
        if (!IsOpen) throw new InvalidOperationException($"Event {Id} is {Status}: it cannot be cancelled.");
        if (Status == EventStatus.Scheduled) CalendarSequence++;
        Status = EventStatus.Cancelled;
        CancellationReason = reason.Trim();
    }

    /// <summary>
    /// Whether someone without an invitation can check in now: a walk that is on or held, not turned off by the
    /// organiser, until <paramref name="hoursAfterEnd"/> hours after it ends (people finish their notes on the way home).
    /// </summary>
    public bool TakesCheckInsAt(DateTime nowUtc, double hoursAfterEnd) =>
        Walks.WalkLookup.Types.Contains(Type) && !CheckInClosed && Status is EventStatus.Scheduled or EventStatus.Held
        && nowUtc <= EndsAtUtc.AddHours(hoursAfterEnd);

    /// <summary>
    /// Puts someone on the list once, whatever the case of the address: someone taken off before is
    /// put back. Needs <see cref="Invitations"/> loaded. False when they are on the list already.
    /// </summary>
    public bool Invite(string email, string? name, Contact? contact)
    {
        if (!InviteesCanChange) throw new InvalidOperationException($"Event {Id} is {Status}: its invitees cannot change.");
        var normalized = EmailAddress.Normalize(email);
        var invitation = Invitations.FirstOrDefault(i => i.NormalizedEmail == normalized);
        if (invitation is null)
        {
            Invitations.Add(new Invitation { Email = email.Trim(), Name = name, Contact = contact, Language = contact?.Language ?? "sv" });
            return true;
        }
        if (invitation.RemovedAtUtc is null) return false;
        invitation.RemovedAtUtc = null; // invited again after being removed
        return true;
    }
}
