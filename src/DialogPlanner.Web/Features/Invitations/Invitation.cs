using System.Security.Cryptography;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Events;

namespace DialogPlanner.Web.Features.Invitations;

public enum RsvpStatus
{
    NeedsAction,
    Accepted,
    Tentative,
    Declined,
}

/// <summary>One invitee of one event, with their answer and the token of their personal links.</summary>
public class Invitation : Data.IAudited
{
    private string email = "";

    public int Id { get; set; }
    public int EventId { get; set; }
    public Event Event { get; set; } = null!;
    /// <summary>Null for a free e-mail address that is not a saved contact.</summary>
    public int? ContactId { get; set; }
    public Contact? Contact { get; set; }
    public required string Email
    {
        get => email;
        set => (email, NormalizedEmail) = (value, EmailAddress.Normalize(value));
    }
    /// <summary>Set with <see cref="Email"/>: how an invitee is found by address (calendar replies, their walks, no duplicates).</summary>
    public string NormalizedEmail { get; private set; } = "";
    public string? Name { get; set; }
    public string Language { get; set; } = "sv";
    public RsvpStatus Rsvp { get; set; }
    public DateTime? RespondedAtUtc { get; set; }
    /// <summary>Unguessable: 256 random bits, URL-safe. Grants this invitee and this event only.</summary>
    public string Token { get; set; } = NewToken();
    /// <summary>The calendar SEQUENCE last sent to this invitee.</summary>
    public int SentSequence { get; set; } = -1;
    /// <summary>Set when the organiser takes the invitee off the list; they get a cancellation of their own.</summary>
    public DateTime? RemovedAtUtc { get; set; }
    /// <summary>When the reminder before the event was queued; set once, so nobody gets two.</summary>
    public DateTime? ReminderQueuedAtUtc { get; set; }
    /// <summary>Set for someone who came without an invitation and checked in on the walk day (no e-mail when they gave none).</summary>
    public DateTime? CheckedInAtUtc { get; set; }
    /// <summary>What a drop-in typed as their organisation; null for a private person (and for invitees, whose contact card says it).</summary>
    public string? Organisation { get; set; }
    /// <summary>False for a drop-in who gave no address: nothing is sent to them.</summary>
    public bool HasEmail => NormalizedEmail.Length > 0;
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
