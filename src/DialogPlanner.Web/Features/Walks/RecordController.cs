using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Photos;
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
    AppDbContext db, PhotoStore photos, MapSettings maps, IValidator<FindingForm> validator, IStringLocalizer<SharedResource> t)
    : FindingRecorderController(db, photos, maps, validator, t)
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string token) =>
        await FindAsync(token) is { } access ? await ShowAsync(access) : NotFound();

    [RateLimited(RateLimits.Upload)]
    [HttpPost("findings")]
    [RequestTimeout(PhotoSetup.UploadTimeout)]
    public async Task<IActionResult> Add(string token, FindingForm form) =>
        await FindAsync(token) is { } access ? await AddAsync(access, form) : NotFound();

    [HttpGet("findings/{id:int}/photo")]
    public async Task<IActionResult> Photo(string token, int id, bool thumbnail = false) =>
        await FindAsync(token) is { } access ? await PhotoAsync(access, id, thumbnail) : NotFound();

    /// <summary>Checks off, on a re-walk, a finding carried from the previous walk (see CarriedCheck).</summary>
    [HttpPost("findings/{id:int}/check")]
    public async Task<IActionResult> Check(string token, int id, CarriedCheck.Result result) =>
        await FindAsync(token) is { } access ? await CheckAsync(access, id, result) : NotFound();

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
