using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Events;
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
public sealed class RsvpController(AppDbContext db, RsvpRecorder recorder, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Show(string token, RsvpStatus? answer)
    {
        var invitation = await FindAsync(token);
        if (invitation is null) return NotFound();
        return View(new RsvpPage(invitation, answer ?? invitation.Rsvp, Saved: false));
    }

    [HttpPost("")]
    public async Task<IActionResult> Answer(string token, RsvpStatus answer)
    {
        var invitation = await FindAsync(token);
        if (invitation is null) return NotFound();
        if (answer == RsvpStatus.NeedsAction || !Enum.IsDefined(answer))
        {
            ModelState.AddModelError(string.Empty, t["Välj om du kommer, kanske kommer eller inte kommer."]);
            return View("Show", new RsvpPage(invitation, invitation.Rsvp, Saved: false));
        }
        if (!invitation.Event.TakesAnswers)
            return View("Show", new RsvpPage(invitation, invitation.Rsvp, Saved: false));
        await recorder.RecordAsync(invitation, answer, "link");
        return View("Show", new RsvpPage(invitation, answer, Saved: true));
    }

    private async Task<Invitation?> FindAsync(string token)
    {
        if (token.Length is < 40 or > 64) return null;
        var invitation = await db.Invitations.Include(i => i.Event).ThenInclude(e => e.Municipality)
            .SingleOrDefaultAsync(i => i.Token == token && i.RemovedAtUtc == null);
        if (invitation is not null) AuditActor.UseInvitation(HttpContext, invitation.Id);
        return invitation;
    }
}

public sealed record RsvpPage(Invitation Invitation, RsvpStatus Selected, bool Saved);
