using System.Globalization;
using System.Text;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Mail;

namespace DialogPlanner.Web.Features.Admin.Scale;

/// <summary>
/// Every entity of the scale data is constructed here and nowhere else. The data is written straight into
/// the tables (no controller, no mail building), so when an entity's members are renamed or it gains a rule
/// of its own (a constructor, a method that must be used), this is the one file to adapt.
/// Audit times (<c>CreatedAtUtc</c>, <c>UpdatedAtUtc</c>) and versions are left to the app's interceptor.
/// </summary>
public static class ScaleEntities
{
    public static Municipality Municipality(ScaleMunicipality m) =>
        new() { Name = m.Name, Slug = Slugs.From(m.Name), Latitude = m.Latitude, Longitude = m.Longitude };

    public static Organisation Organisation(int municipalityId, string name, OrganisationKind kind, string email, string? phone) =>
        new() { MunicipalityId = municipalityId, Name = name, Kind = kind, Email = email, Phone = phone };

    public static CategoryResponsibility Responsibility(int municipalityId, FindingCategory category, int organisationId) =>
        new() { MunicipalityId = municipalityId, Category = category, OrganisationId = organisationId };

    public static ContactGroup Group(int municipalityId, string name, string description) =>
        new() { MunicipalityId = municipalityId, Name = name, Description = description };

    public static Contact Contact(int municipalityId, string name, string email, string? phone, int? organisationId, string language, IEnumerable<ContactGroup> groups) =>
        new()
        {
            MunicipalityId = municipalityId, Name = name, Email = email, Phone = phone, OrganisationId = organisationId,
            Language = language, Groups = [.. groups],
        };

    public static CitizenPromise Promise(int municipalityId, int year, string title, string? introduction, DateTime? publishedAtUtc, List<FocusArea> areas) =>
        new() { MunicipalityId = municipalityId, Year = year, Title = title, Introduction = introduction, PublishedAtUtc = publishedAtUtc, FocusAreas = areas };

    public static FocusArea FocusArea(string title, string? description, int sortOrder, List<Pledge> pledges) =>
        new() { Title = title, Description = description, SortOrder = sortOrder, Pledges = pledges };

    public static Pledge Pledge(string text, PledgeParty responsible, EventType? eventType, int? yearlyTarget, bool targetIsMinimum,
        int? doneCount, PledgeManualStatus manualStatus, string? notes, int sortOrder) =>
        new()
        {
            Text = text, Responsible = responsible, EventType = eventType, YearlyTarget = yearlyTarget, TargetIsMinimum = targetIsMinimum,
            DoneCount = doneCount, ManualStatus = manualStatus, Notes = notes, SortOrder = sortOrder,
        };

    public static Event Event(int municipalityId, EventType type, string title, string? description, DateTime startsAtUtc, DateTime endsAtUtc,
        string location, (double Latitude, double Longitude)? position, EventStatus status, int? capacity, bool isPublic, Pledge? pledge,
        string calendarUid, int calendarSequence) =>
        new()
        {
            MunicipalityId = municipalityId, Type = type, Title = title, Description = description, StartsAtUtc = startsAtUtc, EndsAtUtc = endsAtUtc,
            Location = location, Latitude = position?.Latitude, Longitude = position?.Longitude, Status = status, Capacity = capacity,
            IsPublic = isPublic, Pledge = pledge, CalendarUid = calendarUid, CalendarSequence = calendarSequence,
        };

    /// <summary>What was recorded when the event was marked held.</summary>
    public static void Held(Event e, int attendance, string? minutes)
    {
        e.AttendanceCount = attendance;
        e.Minutes = minutes;
    }

    /// <summary>A preparatory or follow-up meeting of a walk; the walk must have been saved (it needs its id).</summary>
    public static void MeetingOfWalk(Event meeting, Event walk, WalkMeetingRole role)
    {
        meeting.WalkEventId = walk.Id;
        meeting.WalkRole = role;
    }

    /// <summary>A re-walk of an earlier walk; both saved.</summary>
    public static void Rewalk(Event walk, Event previous) => walk.PreviousWalkId = previous.Id;

    public static void WalkOutcome(Event walk, DateTime? protocolPublishedAtUtc, DateOnly? feedbackDate, DateTime? feedbackSentAtUtc)
    {
        walk.ProtocolPublishedAtUtc = protocolPublishedAtUtc;
        walk.FeedbackDate = feedbackDate;
        walk.FeedbackSentAtUtc = feedbackSentAtUtc;
    }

    /// <summary>Puts one invitee on the event's list (not yet saved), with the answer and the mail state they have.</summary>
    public static Invitation Invite(Event e, int? contactId, string email, string? name, string language, RsvpStatus rsvp, DateTime? respondedAtUtc,
        string token, int sentSequence, DateTime? removedAtUtc, DateTime? reminderQueuedAtUtc)
    {
        var invitation = new Invitation
        {
            ContactId = contactId, Email = email, Name = name, Language = language, Rsvp = rsvp, RespondedAtUtc = respondedAtUtc,
            Token = token, SentSequence = sentSequence, RemovedAtUtc = removedAtUtc, ReminderQueuedAtUtc = reminderQueuedAtUtc,
        };
        e.Invitations.Add(invitation);
        return invitation;
    }

    public static WalkStop Stop(Event walk, int order, string name, (double Latitude, double Longitude)? position)
    {
        var stop = new WalkStop { Order = order, Name = name, Latitude = position?.Latitude, Longitude = position?.Longitude };
        walk.Stops.Add(stop);
        return stop;
    }

    /// <param name="eventId">The walk, saved.</param>
    /// <param name="reportedByInvitationId">The participant who recorded it with their personal link; null when an organiser did.</param>
    public static Finding Finding(int eventId, FindingCategory category, string description, string? place, (double Latitude, double Longitude)? position,
        int? reportedByInvitationId, Guid? clientId, FindingTriage triage, string? noActionReason, FollowUpTask? task, DateTime? reviewedAtUtc) =>
        new()
        {
            EventId = eventId, Category = category, Description = description, Place = place, Latitude = position?.Latitude,
            Longitude = position?.Longitude, ReportedByInvitationId = reportedByInvitationId, ClientId = clientId, Triage = triage,
            NoActionReason = noActionReason, FollowUpTask = task, ReviewedAtUtc = reviewedAtUtc,
        };

    public static FollowUpTask Task(int municipalityId, string title, string? description, int organisationId, string? assignedPerson, DateOnly dueDate,
        TaskPriority priority, FollowUpStatus status, string? resolution, DateTime? closedAtUtc, DateTime? overdueNoticeSentAtUtc) =>
        new()
        {
            MunicipalityId = municipalityId, Title = title, Description = description, ResponsibleOrganisationId = organisationId,
            AssignedPerson = assignedPerson, DueDate = dueDate, Priority = priority, Status = status, Resolution = resolution,
            ClosedAtUtc = closedAtUtc, OverdueNoticeSentAtUtc = overdueNoticeSentAtUtc,
        };

    /// <summary>One step of a task's history, as <c>TasksController</c> writes it when someone changes the status.</summary>
    public static void History(FollowUpTask task, DateTime atUtc, string byName, FollowUpStatus status, string? note) =>
        task.History.Add(new TaskHistoryEntry { AtUtc = atUtc, ByName = byName, Status = status, Note = note });

    /// <summary>
    /// A mail as the outbox keeps it: a small plain-text MIME message (not the calendar invitation the app would
    /// build: the generator writes rows, it does not render mail), in the state delivery left it.
    /// </summary>
    public static OutboxMessage Outbox(string toAddress, string? toName, string subject, string body, string kind, int? invitationId,
        OutboxStatus status, int attempts, DateTime createdAtUtc, DateTime? sentAtUtc, string? lastError) =>
        new()
        {
            ToAddress = toAddress, ToName = toName, Subject = subject, Mime = Mime(toAddress, toName, subject, body, createdAtUtc), Kind = kind,
            InvitationId = invitationId, Status = status, Attempts = attempts, CreatedAtUtc = createdAtUtc, SentAtUtc = sentAtUtc,
            NextAttemptAtUtc = createdAtUtc, LastError = lastError,
        };

    // Written by hand rather than with MimeKit: hundreds of thousands of rows, and only their size and shape matter.
    private static byte[] Mime(string to, string? name, string subject, string body, DateTime dateUtc) => Encoding.UTF8.GetBytes(
        $"From: DialogPlanner <noreply@dialogplanner.example>\r\n" +
        $"To: {(name is null ? "" : Encoded(name) + " ")}<{to}>\r\n" +
        $"Subject: {Encoded(subject)}\r\n" +
        $"Date: {dateUtc.ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture)} +0000\r\n" +
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
        body.Replace("\n", "\r\n") + "\r\n");

    private static string Encoded(string text) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";
}
