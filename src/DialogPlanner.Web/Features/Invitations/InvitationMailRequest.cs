using DialogPlanner.Web.Features.Events;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>Why an invitee gets an e-mail; each kind has its own templates.</summary>
public enum InvitationKind
{
    /// <summary>The first invitation: a calendar REQUEST.</summary>
    Invitation,
    /// <summary>A changed time, place or text: a REQUEST with a raised SEQUENCE.</summary>
    Update,
    /// <summary>The event is off, or this invitee was taken off the list: a CANCEL.</summary>
    Cancellation,
    /// <summary>A reminder before the event: text only, no calendar part.</summary>
    Reminder,
}

/// <param name="Event">With the UID and SEQUENCE to send (raise the sequence before an update or cancel).</param>
/// <param name="Invitation">The one recipient: address, name, language and RSVP token.</param>
/// <param name="Organizer">The mailbox the mail comes from and replies return to; the ORGANIZER.</param>
/// <param name="BaseUrl">The app's public address, e.g. "https://dialog.ljungby.se", for the RSVP links.</param>
/// <param name="EventUrl">The event's public page (absolute).</param>
/// <param name="NowUtc">The DTSTAMP and the Date header.</param>
public sealed record InvitationMailRequest(
    Event Event,
    Invitation Invitation,
    InvitationKind Kind,
    CalendarPerson Organizer,
    string BaseUrl,
    string EventUrl,
    DateTime NowUtc);
