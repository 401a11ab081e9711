namespace DialogPlanner.Web.Features.Invitations;

/// <summary>Why a message in the answer mailbox could not be taken as an invitee's answer.</summary>
public enum SetAsideReason
{
    NoCalendar,
    UnreadableCalendar,
    NotAReply,
    NotOneAttendee,
    UnknownAnswer,
    UnknownEvent,
    SenderNotAttendee,
    NotInvited,
    HandlingFailed,
    /// <summary>Over Email:Imap:MaxMessageBytes, or a calendar part over MaxPartBytes: not read.</summary>
    TooLarge,
    /// <summary>The receiving server did not vouch for the sender (Email:Imap:TrustAuthenticationResults).</summary>
    NotAuthenticated,
}

/// <summary>
/// A message from the answer mailbox that changed nothing: the message itself was moved to the
/// set-aside folder, and this row reports it to the administrator (and to the event's organiser when
/// it names a known event).
/// </summary>
public class SetAsideReply
{
    public int Id { get; set; }
    /// <summary>When the mail server received the message.</summary>
    public DateTime ReceivedAtUtc { get; set; }
    public DateTime SetAsideAtUtc { get; set; }
    public string? FromAddress { get; set; }
    public string? Subject { get; set; }
    public string? MessageId { get; set; }
    public SetAsideReason Reason { get; set; }
    /// <summary>The technical particulars (a UID, an address, a PARTSTAT, an error), for whoever looks further.</summary>
    public string? Detail { get; set; }
    public int? EventId { get; set; }
    public Events.Event? Event { get; set; }
}
