using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;

namespace DialogPlanner.Web.Mail;

/// <summary>
/// Every absolute address that leaves the app in mail or in a calendar file, or that organisers are given to
/// pass on (the public promise and protocol pages), built here and nowhere else,
/// so a changed route is changed once. They start with the app's public address (<see cref="PublicAddress"/>,
/// <c>Email:PublicUrl</c>): a mail is often written by a background job, with no request to take it from.
/// One per scope (see MailSetup), like the mail composers that use it.
/// </summary>
public sealed class Links(string publicAddress)
{
    private readonly string _base = publicAddress.Trim().TrimEnd('/');

    /// <summary>An invitee's personal answer page (no account: the token is the key).</summary>
    public string Rsvp(string token) => $"{_base}/rsvp/{Uri.EscapeDataString(token)}";

    /// <summary>The answer page with one answer chosen; the invitee still confirms it there (mail scanners open links).</summary>
    public string Rsvp(string token, RsvpStatus answer) => $"{Rsvp(token)}?answer={answer.ToString().ToLowerInvariant()}";

    /// <summary>A walk participant's own recorder, reached through their invitation's token.</summary>
    public string Recorder(string token) => $"{_base}/w/{Uri.EscapeDataString(token)}";

    /// <summary>An invitee's own "add to calendar" file of the event (PUBLISH, no attendees).</summary>
    public string RsvpCalendar(string token) => $"{Rsvp(token)}/calendar.ics";

    /// <summary>The walk-day check-in of people who come without an invitation: the QR code and the walk sheet lead here.</summary>
    public string CheckIn(string code) => $"{_base}/in/{Uri.EscapeDataString(code)}";

    /// <summary>Where someone types the short code of the walk sheet instead of scanning it.</summary>
    public string CheckInStart() => $"{_base}/in";

    /// <summary>The public page of an event's municipality and year; the event's municipality must be loaded.</summary>
    public string PublicEvent(Event e) => PublicPromise(e.Municipality.Slug, StockholmTime.FromUtc(e.StartsAtUtc).Year);

    /// <summary>A municipality's public page with its latest published promise.</summary>
    public string PublicPromise(string slug) => $"{_base}/kommun/{slug}";

    /// <summary>The public page of one year's promise.</summary>
    public string PublicPromise(string slug, int year) => $"{PublicPromise(slug)}/{year}";

    /// <summary>The public protocol of a walk; the walk's municipality must be loaded.</summary>
    public string Protocol(Event walk) => $"{PublicPromise(walk.Municipality.Slug)}/vandringar/{walk.Id}";

    /// <summary>A municipality's privacy notice: every mail about its work links it (GDPR's duty to inform).</summary>
    public string Privacy(string slug) => $"{PublicPromise(slug)}/personuppgifter";

    /// <summary>The notice of the app as a whole, naming each municipality's: for account mail, which no one municipality sends.</summary>
    public string Privacy() => $"{_base}/personuppgifter";

    /// <summary>A follow-up task's page, for its organisation's task owners.</summary>
    public string Task(int taskId) => $"{_base}/tasks/{taskId}";

    /// <summary>An event's page for organisers.</summary>
    public string EventPage(int eventId) => $"{_base}/events/{eventId}";

    /// <summary>Where an invited user chooses their password; the token (Identity's, with its own lifetime) is the key.</summary>
    public string SetPassword(string userId, string token) =>
        $"{_base}/account/set-password?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    /// <summary>Where a user who forgot their password chooses a new one.</summary>
    public string ResetPassword(string userId, string token) =>
        $"{_base}/account/reset-password?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    /// <summary>The sign-in page.</summary>
    public string SignIn() => $"{_base}/account/login";

    /// <summary>An organiser's private calendar feed (the token is the key).</summary>
    public string PrivateFeed(string token) => $"{_base}/calendar/private/{Uri.EscapeDataString(token)}.ics";
}
