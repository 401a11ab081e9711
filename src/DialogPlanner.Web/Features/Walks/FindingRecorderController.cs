using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Photos;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// Who records on which walk, and under which address: the personal link of an invitation, or a signed-in
/// participant whose e-mail is on the walk's invitation list. The key decides nothing else.
/// </summary>
public sealed record WalkAccess(Event Walk, int? InvitationId, string? UserId, string BaseUrl);

/// <summary>
/// The recorder page and its upload, shared by every way of reaching a walk; subclasses only find the access.
/// </summary>
public abstract class FindingRecorderController(
    AppDbContext db, PhotoStore photos, MapSettings maps, RecordingWindow recording, IValidator<FindingForm> validator, IStringLocalizer<SharedResource> t)
    : Controller
{
    protected AppDbContext Db => db;
    protected IStringLocalizer<SharedResource> Texts => t;

    public const string PageView = "/Features/Walks/Views/Record/Index.cshtml";


    protected async Task<IActionResult> ShowAsync(WalkAccess access, FindingForm? form = null)
    {
        var mine = await db.Findings.AsNoTracking()
            .Where(f => f.EventId == access.Walk.Id && f.RemovedAtUtc == null && ((access.InvitationId != null && f.ReportedByInvitationId == access.InvitationId)
                                                       || (access.UserId != null && f.ReportedByUserId == access.UserId)))
            .OrderByDescending(f => f.Id).ToListAsync();
        var carried = await db.Findings.AsNoTracking().Where(f => f.EventId == access.Walk.Id && f.CarriedFromFindingId != null && f.RemovedAtUtc == null)
            .OrderBy(f => f.Id).ToListAsync();
        return View(PageView, new RecordPage(access.Walk, access.BaseUrl, mine, form ?? new FindingForm(),
            MapOf(access.Walk), carried, await CarriedCheck.EarlierTasksAsync(db, carried), recording.IsOpen(access.Walk),
            access.Walk.EndsAtUtc.AddDays(recording.DaysAfter)));
    }

    /// <summary>Checks off, on a re-walk, a finding carried from the previous walk (see CarriedCheck).</summary>
    protected async Task<IActionResult> CheckAsync(WalkAccess access, int findingId, CarriedCheck.Result result)
    {
        var finding = await db.Findings.SingleOrDefaultAsync(f => f.Id == findingId && f.EventId == access.Walk.Id);
        if (finding is null || !Enum.IsDefined(result)) return NotFound();
        if (!recording.IsOpen(access.Walk))
            TempData["Message"] = ClosedMessage(access.Walk);
        else if (!await CarriedCheck.ApplyAsync(db, finding, result, recordingOpen: true, t))
            TempData["Message"] = t["Iakttagelsen har redan behandlats och kan inte bockas av här."].Value;
        return Redirect(access.BaseUrl + "#checklist");
    }

    /// <summary>The small map of the form: the route for orientation, and a tap sets the finding's position.</summary>
    private WalkMapData MapOf(Event walk) => new(
        maps.TileUrl, maps.Attribution, Url.Content("~/lib/leaflet/leaflet.js"), Url.Content("~/lib/leaflet/leaflet.css"),
        t["Karta: tryck där iakttagelsen finns"], "record-map-slot", WalkMapData.CenterOf(walk), WalkMapData.StopsOf(walk), [],
        "record", new() { ["picked"] = t["Position vald på kartan: {0}, {1}"], ["stop"] = t["Stopp {0}: {1}"], ["inList"] = t["Visa i listan"], ["zoomIn"] = t["Zooma in"], ["zoomOut"] = t["Zooma ut"] });

    /// <summary>
    /// Adds one finding. Answers JSON to the phone's upload queue; a plain form post is redirected back.
    /// The same ClientId twice (a retried upload) gives back the first finding and makes no second one.
    /// </summary>
    protected async Task<IActionResult> AddAsync(WalkAccess access, FindingForm form)
    {
        var walk = access.Walk;
        var wantsJson = Request.Headers.Accept.Any(a => a?.Contains("application/json") == true);
        // A closed recording refuses even a finding that waited on a phone: the queue shows why and lets it go.
        if (!recording.IsOpen(walk))
            ModelState.AddModelError(string.Empty, ClosedMessage(walk));

        if (form.ClientId is { } clientId)
        {
            var earlier = await db.Findings.AsNoTracking().Where(f => f.EventId == walk.Id && f.ClientId == clientId).Select(f => (int?)f.Id).SingleOrDefaultAsync();
            if (earlier is not null) return wantsJson ? Ok(new { id = earlier, duplicate = true }) : Redirect(access.BaseUrl);
        }
        await validator.ValidateIntoAsync(form, ModelState);
        PhotoStore.Saved? photo = null;
        if (ModelState.IsValid && form.Photo is { Length: > 0 })
        {
            (photo, var problem) = await photos.SaveAsync(form.Photo, HttpContext.RequestAborted);
            // Busy passes: the phone's queue keeps the finding and tries again; any other refusal is final.
            if (problem == PhotoProblem.Busy && wantsJson) return Busy();
            if (problem != PhotoProblem.None) ModelState.AddModelError(nameof(form.Photo), problem.Explain(t, photos.Settings));
        }
        if (!ModelState.IsValid)
        {
            if (wantsJson)
                return BadRequest(new { errors = ModelState.Where(e => e.Value!.Errors.Count > 0).ToDictionary(e => e.Key, e => e.Value!.Errors[0].ErrorMessage) });
            return await ShowAsync(access, form);
        }

        var finding = new Finding
        {
            EventId = walk.Id, ClientId = form.ClientId, Category = form.Category!.Value, Description = form.Description!.Trim(),
            Place = string.IsNullOrWhiteSpace(form.Place) ? null : form.Place.Trim(), Latitude = form.Latitude, Longitude = form.Longitude,
            PhotoPath = photo?.Path, PhotoContentType = photo?.ContentType,
            ReportedByInvitationId = access.InvitationId, ReportedByUserId = access.UserId,
        };
        db.Findings.Add(finding);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException) when (form.ClientId is not null)
        {
            // Two tries of the same upload raced; the unique ClientId let only one in, with its own photo.
            if (photo is not null) photos.Delete(photo);
            return wantsJson ? Ok(new { duplicate = true }) : Redirect(access.BaseUrl);
        }
        if (wantsJson) return Created($"{access.BaseUrl}/findings/{finding.Id}", new { id = finding.Id });
        TempData["Message"] = t["Tack! Iakttagelsen är sparad."].Value;
        return Redirect(access.BaseUrl);
    }

    private string ClosedMessage(Event walk) => walk.Status is EventStatus.Cancelled
        ? t["Vandringen är inställd, så den tar inte emot några iakttagelser."].Value
        : t["Registreringen för vandringen stängdes {0}. Kontakta arrangören om du har något mer att berätta.",
            StockholmTime.FromUtc(walk.EndsAtUtc.AddDays(recording.DaysAfter)).ToString("d MMMM yyyy HH:mm")].Value;

    private IActionResult Busy()
    {
        Response.Headers.RetryAfter = "10";
        return StatusCode(StatusCodes.Status503ServiceUnavailable, new { busy = true });
    }

    /// <summary>A photo of any finding of the walk: everyone who may record on the walk may see what it holds, unless an organiser hid or removed it.</summary>
    protected async Task<IActionResult> PhotoAsync(WalkAccess access, int findingId, bool thumbnail)
    {
        var finding = await db.Findings.AsNoTracking().SingleOrDefaultAsync(f => f.Id == findingId && f.EventId == access.Walk.Id);
        return photos.Serve(finding?.VisiblePhotoPath, finding?.PhotoContentType, thumbnail);
    }
}

public sealed record RecordPage(
    Event Walk, string BaseUrl, List<Finding> Mine, FindingForm Form, WalkMapData? Map, List<Finding> Carried, Dictionary<int, int?> EarlierTasks,
    bool RecordingOpen, DateTime RecordingClosesAtUtc);
