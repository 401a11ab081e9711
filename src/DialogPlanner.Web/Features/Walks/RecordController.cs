using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Photos;
using DialogPlanner.Web.Features.Shared;
using DialogPlanner.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// Recording findings on a walk from a phone. The personal link of the walk's invitation is the key:
/// it grants this walk and nothing else, without an account.
/// </summary>
[AllowAnonymous]
[RateLimited(RateLimits.Link)]
[Route("w/{token}")]
public sealed class RecordController(
    AppDbContext db, PhotoStore photos, MapSettings maps, RecordingWindow recording, IValidator<FindingForm> validator, IStringLocalizer<SharedResource> t)
    : FindingRecorderController(db, photos, maps, recording, validator, t)
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string token) =>
        await FindAsync(token) is { } access ? await ShowAsync(access) : await GoneAsync(token);

    [RateLimited(RateLimits.Upload)]
    [HttpPost("findings")]
    [RequestTimeout(PhotoSetup.UploadTimeout)]
    public async Task<IActionResult> Add(string token, FindingForm form) =>
        await FindAsync(token) is { } access ? await AddAsync(access, form) : await GoneAsync(token, fromQueue: true);

    [HttpGet("findings/{id:int}/photo")]
    public async Task<IActionResult> Photo(string token, int id, bool thumbnail = false) =>
        await FindAsync(token) is { } access ? await PhotoAsync(access, id, thumbnail) : await GoneAsync(token);

    /// <summary>Checks off, on a re-walk, a finding carried from the previous walk (see CarriedCheck).</summary>
    [HttpPost("findings/{id:int}/check")]
    public async Task<IActionResult> Check(string token, int id, CarriedCheck.Result result) =>
        await FindAsync(token) is { } access ? await CheckAsync(access, id, result) : await GoneAsync(token);

    /// <summary>A clear page instead of a bare error: the link of someone taken off the list says so (410), any other is unknown (404).</summary>
    /// <remarks>The phone's queue gets the refusal as a final one (400 with the reason), so it stops retrying what can never arrive.</remarks>
    private async Task<IActionResult> GoneAsync(string token, bool fromQueue = false)
    {
        var reason = token.Length is >= 40 and <= 64
            && await Db.Invitations.AnyAsync(i => i.Token == token && i.RemovedAtUtc != null && WalkLookup.Types.Contains(i.Event.Type))
            ? LinkGoneReason.Revoked : LinkGoneReason.Unknown;
        if (fromQueue && Request.Headers.Accept.Any(a => a?.Contains("application/json") == true))
            return BadRequest(new { errors = new Dictionary<string, string> { [""] = LinkGone.Explanation(reason, Texts) } });
        return LinkGone.Page(this, reason);
    }

    private async Task<WalkAccess?> FindAsync(string token)
    {
        if (token.Length is < 40 or > 64) return null;
        var invitation = await Db.Invitations.Include(i => i.Event).ThenInclude(e => e.Stops).Include(i => i.Event).ThenInclude(e => e.Municipality)
            .SingleOrDefaultAsync(i => i.Token == token && i.RemovedAtUtc == null && WalkLookup.Types.Contains(i.Event.Type));
        if (invitation is null) return null;
        AuditActor.UseInvitation(HttpContext, invitation.Id);
        return new WalkAccess(invitation.Event, invitation.Id, null, Url.Action(nameof(Index), new { token })!);
    }
}
