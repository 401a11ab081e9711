using System.Security.Claims;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
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
/// "Öppna registreringen" on the walk page: an organiser who walks along records with the same recorder,
/// on any walk of their own municipalities, whether or not they are on its invitation list. Their findings
/// carry their user id, like a participant's.
/// </summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("walks/{id:int}/organiser-record")]
public sealed class OrganiserRecordController(
    AppDbContext db, MunicipalityScope scope, PhotoStore photos, MapSettings maps, RecordingWindow recording, IValidator<FindingForm> validator,
    IStringLocalizer<SharedResource> t)
    : FindingRecorderController(db, photos, maps, recording, validator, t)
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int id) =>
        await FindAsync(id) is { } access ? await ShowAsync(access) : NotFound();

    [RateLimited(RateLimits.Upload)]
    [HttpPost("findings")]
    [RequestTimeout(PhotoSetup.UploadTimeout)]
    public async Task<IActionResult> Add(int id, FindingForm form) =>
        await FindAsync(id) is { } access ? await AddAsync(access, form) : NotFound();

    [HttpGet("findings/{findingId:int}/photo")]
    public async Task<IActionResult> Photo(int id, int findingId, bool thumbnail = false) =>
        await FindAsync(id) is { } access ? await PhotoAsync(access, findingId, thumbnail) : NotFound();

    [HttpPost("findings/{findingId:int}/check")]
    public async Task<IActionResult> Check(int id, int findingId, CarriedCheck.Result result) =>
        await FindAsync(id) is { } access ? await CheckAsync(access, findingId, result) : NotFound();

    private async Task<WalkAccess?> FindAsync(int id)
    {
        var walk = await Db.Events.Include(e => e.Stops).Include(e => e.Municipality).OwnWalkAsync(scope, id);
        return walk is null ? null : new WalkAccess(walk, null, User.FindFirstValue(ClaimTypes.NameIdentifier), Url.Action(nameof(Index), new { id })!);
    }
}
