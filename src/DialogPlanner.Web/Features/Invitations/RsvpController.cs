using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Shared;
using DialogPlanner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>
/// The personal answer link of an invitation: no login, the token alone grants this invitee's answer
/// to this event. Opening the link changes nothing (mail scanners open links); the button does.
/// </summary>
[AllowAnonymous]
[RateLimited(RateLimits.Link)]
[Route("rsvp/{token}")]
public sealed class RsvpController(AppDbContext db, RsvpRecorder recorder, TimeProvider clock, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Show(string token, RsvpStatus? answer)
    {
        var invitation = await FindAsync(token);
        if (invitation is null) return await GoneAsync(token);
        return View(Page(invitation, answer ?? invitation.Rsvp, saved: false));
    }

    [HttpPost("")]
    public async Task<IActionResult> Answer(string token, RsvpStatus answer)
    {
        var invitation = await FindAsync(token);
        if (invitation is null) return await GoneAsync(token);
        // An ended, held or cancelled event changes nothing; the page says why.
        if (!invitation.Event.TakesLinkAnswers(clock.GetUtcNow().UtcDateTime))
            return View("Show", Page(invitation, invitation.Rsvp, saved: false));
        if (answer == RsvpStatus.NeedsAction || !Enum.IsDefined(answer))
        {
            ModelState.AddModelError(string.Empty, t["Välj om du kommer, kanske kommer eller inte kommer."]);
            return View("Show", Page(invitation, invitation.Rsvp, saved: false));
        }
        await recorder.RecordAsync(invitation, answer, "link");
        return View("Show", Page(invitation, answer, saved: true));
    }

    private RsvpPage Page(Invitation invitation, RsvpStatus selected, bool saved) =>
        new(invitation, selected, saved, invitation.Event.TakesLinkAnswers(clock.GetUtcNow().UtcDateTime));

    /// <summary>A clear page instead of a bare error: the link of someone taken off the list says so (410), any other is unknown (404).</summary>
    private async Task<IActionResult> GoneAsync(string token) => LinkGone.Page(this,
        token.Length is >= 40 and <= 64 && await db.Invitations.AnyAsync(i => i.Token == token && i.RemovedAtUtc != null)
            ? LinkGoneReason.Revoked : LinkGoneReason.Unknown);

    private async Task<Invitation?> FindAsync(string token)
    {
        if (token.Length is < 40 or > 64) return null;
        var invitation = await db.Invitations.Include(i => i.Event).ThenInclude(e => e.Municipality)
            .SingleOrDefaultAsync(i => i.Token == token && i.RemovedAtUtc == null);
        if (invitation is not null) AuditActor.UseInvitation(HttpContext, invitation.Id);
        return invitation;
    }
}

public sealed record RsvpPage(Invitation Invitation, RsvpStatus Selected, bool Saved, bool TakesAnswers);
