using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// Recording findings on a walk from a phone. The personal link of the walk's invitation is the key:
/// it grants this walk and nothing else, without an account.
/// </summary>
[AllowAnonymous]
[Route("w/{token}")]
public sealed class RecordController(
    AppDbContext db, PhotoStore photos, MapSettings maps, IValidator<FindingForm> validator, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string token)
    {
        var invitation = await FindAsync(token);
        return invitation is null ? NotFound() : View(await PageAsync(invitation));
    }

    /// <summary>
    /// Adds one finding. Answers JSON to the phone's upload queue; a plain form post is redirected back.
    /// The same ClientId twice (a retried upload) gives back the first finding and makes no second one.
    /// </summary>
    [HttpPost("findings")]
    [RequestSizeLimit(40 * 1024 * 1024)]
    public async Task<IActionResult> Add(string token, FindingForm form)
    {
        var invitation = await FindAsync(token);
        if (invitation is null) return NotFound();
        var wantsJson = Request.Headers.Accept.Any(a => a?.Contains("application/json") == true);
        if (invitation.Event.Status is EventStatus.Cancelled)
            ModelState.AddModelError(string.Empty, t["Vandringen är inställd."]);

        if (form.ClientId is { } clientId)
        {
            var earlier = await db.Findings.AsNoTracking().Where(f => f.EventId == invitation.EventId && f.ClientId == clientId).Select(f => (int?)f.Id).SingleOrDefaultAsync();
            if (earlier is not null) return wantsJson ? Ok(new { id = earlier, duplicate = true }) : RedirectToAction(nameof(Index), new { token });
        }
        await validator.ValidateIntoAsync(form, ModelState);
        PhotoStore.Saved? photo = null;
        if (ModelState.IsValid && form.Photo is { Length: > 0 })
        {
            (photo, var problem) = await photos.SaveAsync(form.Photo);
            if (problem == PhotoStore.Problem.TooLarge)
                ModelState.AddModelError(nameof(form.Photo), t["Fotot är för stort (högst {0} MB).", photos.MaxBytes / 1024 / 1024]);
            else if (problem == PhotoStore.Problem.NotAPhoto)
                ModelState.AddModelError(nameof(form.Photo), t["Filen är inte ett foto. Använd JPEG, PNG, HEIC eller WebP."]);
        }
        if (!ModelState.IsValid)
        {
            if (wantsJson)
                return BadRequest(new { errors = ModelState.Where(e => e.Value!.Errors.Count > 0).ToDictionary(e => e.Key, e => e.Value!.Errors[0].ErrorMessage) });
            return View(nameof(Index), await PageAsync(invitation, form));
        }

        var finding = new Finding
        {
            EventId = invitation.EventId, ClientId = form.ClientId, Category = form.Category!.Value, Description = form.Description!.Trim(),
            Place = string.IsNullOrWhiteSpace(form.Place) ? null : form.Place.Trim(), Latitude = form.Latitude, Longitude = form.Longitude,
            PhotoPath = photo?.Path, PhotoContentType = photo?.ContentType, ReportedByInvitationId = invitation.Id,
        };
        db.Findings.Add(finding);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException) when (form.ClientId is not null)
        {
            // Two tries of the same upload raced; the unique ClientId let only one in.
            return wantsJson ? Ok(new { duplicate = true }) : RedirectToAction(nameof(Index), new { token });
        }
        if (wantsJson) return Created($"/w/{token}/findings/{finding.Id}", new { id = finding.Id });
        TempData["Message"] = t["Tack! Iakttagelsen är sparad."].Value;
        return RedirectToAction(nameof(Index), new { token });
    }

    [HttpGet("findings/{id:int}/photo")]
    public async Task<IActionResult> Photo(string token, int id)
    {
        var invitation = await FindAsync(token);
        if (invitation is null) return NotFound();
        var finding = await db.Findings.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id && f.EventId == invitation.EventId);
        return photos.Serve(finding?.PhotoPath, finding?.PhotoContentType);
    }

    /// <summary>Checks off, on a re-walk, a finding carried from the previous walk (see CarriedCheck).</summary>
    [HttpPost("findings/{id:int}/check")]
    public async Task<IActionResult> Check(string token, int id, CarriedCheck.Result result)
    {
        var invitation = await FindAsync(token);
        var finding = invitation is null ? null : await db.Findings.SingleOrDefaultAsync(f => f.Id == id && f.EventId == invitation.EventId);
        if (finding is null || !Enum.IsDefined(result)) return NotFound();
        if (invitation!.Event.Status is EventStatus.Cancelled || !await CarriedCheck.ApplyAsync(db, finding, result, t))
            TempData["Message"] = t["Iakttagelsen har redan behandlats och kan inte bockas av här."].Value;
        return Redirect(Url.Action(nameof(Index), new { token }) + "#checklist");
    }

    private async Task<Invitation?> FindAsync(string token)
    {
        if (token.Length is < 40 or > 64) return null;
        return await db.Invitations.Include(i => i.Event).ThenInclude(e => e.Stops).Include(i => i.Event).ThenInclude(e => e.Municipality)
            .SingleOrDefaultAsync(i => i.Token == token && i.RemovedAtUtc == null
                && (i.Event.Type == EventType.SafetyWalk || i.Event.Type == EventType.FarmWalk));
    }

    private async Task<RecordPage> PageAsync(Invitation invitation, FindingForm? form = null)
    {
        var mine = await db.Findings.AsNoTracking().Where(f => f.EventId == invitation.EventId && f.ReportedByInvitationId == invitation.Id)
            .OrderByDescending(f => f.Id).ToListAsync();
        var carried = await db.Findings.AsNoTracking().Where(f => f.EventId == invitation.EventId && f.CarriedFromFindingId != null)
            .OrderBy(f => f.Id).ToListAsync();
        return new RecordPage(invitation, mine, form ?? new FindingForm(), MapOf(invitation.Event), carried, await CarriedCheck.EarlierTasksAsync(db, carried));
    }

    /// <summary>The small map of the form: the route for orientation, and a tap sets the finding's position.</summary>
    private WalkMapData MapOf(Event walk) => new(
        maps.TileUrl, maps.Attribution, Url.Content("~/lib/leaflet/leaflet.js"), Url.Content("~/lib/leaflet/leaflet.css"),
        t["Karta: tryck där iakttagelsen finns"], "record-map-slot", WalkMapData.CenterOf(walk), WalkMapData.StopsOf(walk), [],
        "record", new() { ["picked"] = t["Position vald på kartan: {0}, {1}"], ["stop"] = t["Stopp {0}: {1}"], ["inList"] = t["Visa i listan"], ["zoomIn"] = t["Zooma in"], ["zoomOut"] = t["Zooma ut"] });
}

public sealed record RecordPage(
    Invitation Invitation, List<Finding> Mine, FindingForm Form, WalkMapData? Map = null, List<Finding>? Carried = null, Dictionary<int, int?>? EarlierTasks = null);
