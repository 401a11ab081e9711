using DialogPlanner.Web.Data;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>
/// The one place an answer changes an invitation, whichever way it came: the personal link, a
/// calendar's iMIP REPLY, or the organiser by hand.
/// </summary>
public sealed class RsvpRecorder(AppDbContext db, TimeProvider clock, ILogger<RsvpRecorder> log)
{
    public async Task RecordAsync(Invitation invitation, RsvpStatus answer, string source, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(answer)) throw new ArgumentOutOfRangeException(nameof(answer));
        invitation.Rsvp = answer;
        invitation.RespondedAtUtc = answer == RsvpStatus.NeedsAction ? null : clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        log.LogInformation("Invitation {InvitationId} answered {Answer} by {Source}.", invitation.Id, answer, source);
    }
}
