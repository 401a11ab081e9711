using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Organisations;
using Microsoft.AspNetCore.Identity;

namespace DialogPlanner.Web.Features.Accounts;

public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string Organiser = nameof(Organiser);
    public const string TaskOwner = nameof(TaskOwner);
    public const string Participant = nameof(Participant);

    public static readonly string[] All = [Administrator, Organiser, TaskOwner, Participant];
}

public class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }
    /// <summary>The organisation a TaskOwner acts for.</summary>
    public int? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    /// <summary>Secret part of the address of this user's private calendar feed; null until they ask for one.</summary>
    public string? CalendarFeedToken { get; set; }
    /// <summary>The municipalities an Organiser works for; they see only these.</summary>
    public List<Municipality> Municipalities { get; set; } = [];
    /// <summary>When someone last sent this user an invitation to set a password; null for users made at the command line.</summary>
    public DateTime? InvitedAtUtc { get; set; }
    /// <summary>Set when an administrator or organiser turns the account off: no sign-in, and sessions end.</summary>
    public DateTime? DisabledAtUtc { get; set; }

    public bool IsDisabled => DisabledAtUtc is not null;
    /// <summary>Invited and not yet set a password.</summary>
    public bool IsPendingInvitation => PasswordHash is null && InvitedAtUtc is not null;
}
