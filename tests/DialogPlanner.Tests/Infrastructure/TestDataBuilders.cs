using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;

namespace DialogPlanner.Tests.Infrastructure;

/// <summary>
/// Entities as tests need them, not yet saved: sensible defaults, and named arguments for what a test is about.
/// What only one test needs goes in <see cref="With{T}"/>, e.g. <c>TestData.Walk(id).With(w => w.FeedbackDate = day)</c>.
/// </summary>
public static partial class TestData
{
    /// <summary>Sets what the builder has no argument for, and returns the same entity.</summary>
    public static T With<T>(this T entity, Action<T> change) where T : class
    {
        change(entity);
        return entity;
    }

    public static Municipality Municipality(string name) =>
        new() { Name = name, Slug = name.ToLowerInvariant().Replace('ö', 'o').Replace('ä', 'a').Replace('å', 'a') };

    public static Organisation Organisation(int municipalityId, string name, OrganisationKind kind = OrganisationKind.Municipality, string? email = null) =>
        new() { MunicipalityId = municipalityId, Name = name, Kind = kind, Email = email };

    public static Contact Contact(int municipalityId, string name, string email, string language = "sv", IEnumerable<ContactGroup>? groups = null) =>
        new() { MunicipalityId = municipalityId, Name = name, Email = email, Language = language, Groups = [.. groups ?? []] };

    /// <summary>A meeting (a dialogue meeting unless <paramref name="type"/> says otherwise), scheduled, by default ten days from now for two hours.</summary>
    public static Event Event(
        int municipalityId, string title = "Dialogmöte", DateTime? startsAtUtc = null, double hours = 2, string location = "Biblioteket",
        EventType type = EventType.DialogueMeeting, EventStatus status = EventStatus.Scheduled, IEnumerable<Invitation>? invitations = null,
        bool isPublic = false)
    {
        var start = startsAtUtc ?? DateTime.UtcNow.AddDays(10);
        return new Event
        {
            MunicipalityId = municipalityId, Type = type, Title = title, Location = location, Status = status, IsPublic = isPublic,
            StartsAtUtc = start, EndsAtUtc = start.AddHours(hours), Invitations = [.. invitations ?? []],
        };
    }

    /// <summary>A safety walk, scheduled, by default under way (started an hour ago, two hours long) so participants can record.</summary>
    public static Event Walk(
        int municipalityId, string title = "Vandring Replösa", DateTime? startsAtUtc = null, double hours = 2, string location = "Replösa",
        EventStatus status = EventStatus.Scheduled, IEnumerable<Invitation>? invitations = null, IEnumerable<WalkStop>? stops = null) =>
        Event(municipalityId, title, startsAtUtc ?? DateTime.UtcNow.AddHours(-1), hours, location, EventType.SafetyWalk, status, invitations)
            .With(w => w.Stops = [.. stops ?? []]);

    public static WalkStop Stop(string name, int order, double? latitude = null, double? longitude = null) =>
        new() { Name = name, Order = order, Latitude = latitude, Longitude = longitude };

    /// <summary>An invitee by address; <paramref name="eventId"/> only when it is added on its own rather than with its event.</summary>
    public static Invitation Invitation(
        string email, string? name = null, RsvpStatus rsvp = RsvpStatus.NeedsAction, string language = "sv", DateTime? removedAtUtc = null, int eventId = 0) =>
        new() { EventId = eventId, Email = email, Name = name, Rsvp = rsvp, Language = language, RemovedAtUtc = removedAtUtc };

    /// <summary>
    /// A finding on a saved walk; one with a task is triaged to it. Approved by an organiser unless <paramref name="reviewed"/>
    /// is false: most tests are about what happens after moderation, the moderation tests say otherwise.
    /// </summary>
    public static Finding Finding(
        int eventId, FindingCategory category, string description, string? place = null, double? latitude = null, double? longitude = null,
        FollowUpTask? task = null, FindingTriage? triage = null, bool reviewed = true) =>
        new()
        {
            EventId = eventId, Category = category, Description = description, Place = place, Latitude = latitude, Longitude = longitude,
            FollowUpTask = task, Triage = triage ?? (task is null ? FindingTriage.Open : FindingTriage.Tasked),
            ReviewedAtUtc = reviewed ? DateTime.UtcNow : null,
        };

    /// <summary>A finding on a walk saved together with it.</summary>
    public static Finding Finding(Event walk, FindingCategory category, string description, FollowUpTask? task = null) =>
        Finding(0, category, description, task: task).With(f => f.Event = walk);

    /// <summary>A follow-up task of an organisation, assigned unless told otherwise.</summary>
    public static FollowUpTask Task(int municipalityId, int organisationId, string title, FollowUpStatus status = FollowUpStatus.Assigned, DateOnly? dueDate = null) =>
        new()
        {
            MunicipalityId = municipalityId, ResponsibleOrganisationId = organisationId, Title = title, Status = status,
            DueDate = dueDate ?? DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)),
        };

    /// <summary>A task of an organisation saved together with it.</summary>
    public static FollowUpTask Task(int municipalityId, Organisation organisation, string title, FollowUpStatus status = FollowUpStatus.Assigned, DateOnly? dueDate = null) =>
        Task(municipalityId, 0, title, status, dueDate).With(t => t.ResponsibleOrganisation = organisation);
}
