using System.Security.Claims;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
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
/// "Mina vandringar": a signed-in user records findings on the walks they are invited to, with the same
/// recorder as the personal link. The invitation is the grant: an invitation with the user's e-mail, not
/// removed, on a walk. Any other walk is simply not found.
/// </summary>
[Authorize]
public sealed class MyWalksController(
    AppDbContext db, PhotoStore photos, MapSettings maps, RecordingWindow recording, IValidator<FindingForm> validator, IStringLocalizer<SharedResource> t)
    : FindingRecorderController(db, photos, maps, recording, validator, t)
{
    [HttpGet("my-walks")]
    public async Task<IActionResult> Index()
    {
        var email = OwnEmail();
        var walks = await Db.Events.AsNoTracking()
            .Where(e => WalkLookup.Types.Contains(e.Type) && e.Status != EventStatus.Cancelled
                        && e.Invitations.Any(i => email != null && i.RemovedAtUtc == null && i.NormalizedEmail == email))
            .OrderBy(e => e.StartsAtUtc).ToListAsync();
        return View(walks);
    }

    [HttpGet("walks/{id:int}/record")]
    public async Task<IActionResult> Record(int id) =>
        await FindAsync(id) is { } access ? await ShowAsync(access) : NotFound();

    [RateLimited(RateLimits.Upload)]
    [HttpPost("walks/{id:int}/record/findings")]
    [RequestTimeout(PhotoSetup.UploadTimeout)]
    public async Task<IActionResult> Add(int id, FindingForm form) =>
        await FindAsync(id) is { } access ? await AddAsync(access, form) : NotFound();

    [HttpGet("walks/{id:int}/record/findings/{findingId:int}/photo")]
    public async Task<IActionResult> Photo(int id, int findingId, bool thumbnail = false) =>
        await FindAsync(id) is { } access ? await PhotoAsync(access, findingId, thumbnail) : NotFound();

    [HttpPost("walks/{id:int}/record/findings/{findingId:int}/check")]
    public async Task<IActionResult> Check(int id, int findingId, CarriedCheck.Result result) =>
        await FindAsync(id) is { } access ? await CheckAsync(access, findingId, result) : NotFound();

    /// <summary>Invitations are matched on the address without regard to case: organisers type them as they come.</summary>
    private string? OwnEmail() => User.FindFirstValue(ClaimTypes.Email) is { } email ? EmailAddress.Normalize(email) : null;

    private IQueryable<Invitation> Invitations()
    {
        var email = OwnEmail();
        return Db.Invitations.Where(i => email != null && i.RemovedAtUtc == null && i.NormalizedEmail == email && WalkLookup.Types.Contains(i.Event.Type));
    }

    private async Task<WalkAccess?> FindAsync(int id)
    {
        var invitation = await Invitations().Where(i => i.EventId == id).Include(i => i.Event).ThenInclude(e => e.Stops).Include(i => i.Event).ThenInclude(e => e.Municipality)
            .OrderBy(i => i.Id).FirstOrDefaultAsync();
        return invitation is null ? null
            : new WalkAccess(invitation.Event, invitation.Id, User.FindFirstValue(ClaimTypes.NameIdentifier), Url.Action(nameof(Record), new { id })!);
    }
}
