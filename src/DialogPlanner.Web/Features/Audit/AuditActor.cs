using System.Security.Claims;

namespace DialogPlanner.Web.Features.Audit;

/// <summary>
/// Who is acting in the current request: the signed-in user, or the holder of a personal link. Token endpoints
/// (RSVP, recorder, check-in) call <see cref="UseInvitation"/> once they have found the invitation.
/// Outside a request (background jobs, seeding) there is no actor and nothing is audited automatically; the
/// administration commands of the command line say so with <see cref="CommandLine"/>.
/// </summary>
public static class AuditActor
{
    private const string InvitationKey = "audit.invitation";
    private const string CheckInKey = "audit.check-in";
    private static readonly AsyncLocal<bool> OnCommandLine = new();

    /// <summary>Administration from the server's command line (user add, promise import): audited, with no user.</summary>
    public static IDisposable CommandLine()
    {
        OnCommandLine.Value = true;
        return new Reset();
    }

    /// <summary>Whether anyone is acting: a user, a link holder, or an administrator at the command line.</summary>
    public static bool IsActing(HttpContext? context)
    {
        var (userId, invitationId) = Of(context);
        return userId is not null || invitationId is not null || CheckingIn(context) is not null || OnCommandLine.Value;
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => OnCommandLine.Value = false;
    }

    public static void UseInvitation(HttpContext context, int invitationId) => context.Items[InvitationKey] = invitationId;

    /// <summary>
    /// A drop-in checking in on the walk day: the invitation being created is the actor, but its id exists only
    /// once it is saved, so the audit trail reads it from here after the save.
    /// </summary>
    public static void UseCheckIn(HttpContext context, Invitations.Invitation invitation) => context.Items[CheckInKey] = invitation;

    public static Invitations.Invitation? CheckingIn(HttpContext? context) =>
        context is not null && context.Items.TryGetValue(CheckInKey, out var invitation) ? invitation as Invitations.Invitation : null;

    public static (string? UserId, int? InvitationId) Of(HttpContext? context)
    {
        if (context is null) return (null, null);
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var invitationId = context.Items.TryGetValue(InvitationKey, out var id) ? id as int? : null;
        return (userId, invitationId);
    }
}
