using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Photos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>The organiser's view of a walk: its route and every finding, filterable by category.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("walks/{id:int}")]
public sealed class WalksController(
    AppDbContext db, MunicipalityScope scope, PhotoStore photos, MapSettings maps, RecordingWindow recording, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>
    /// The walk with its findings, 50 a page, filtered by category and searched in text and place in the database;
    /// the map shows the findings of the page. Carried findings of a re-walk are checked off from their own list.
    /// </summary>
    [HttpGet("")]
    public async Task<IActionResult> Show(int id, FindingCategory? category, string? q, int? page, CancellationToken ct)
    {
        var walk = await FindAsync(id);
        if (walk is null) return NotFound();
        var term = Paging.SearchTerm(q);
        var live = db.Findings.AsNoTracking().Where(f => f.EventId == id && f.RemovedAtUtc == null);
        var shown = live.Where(f => category == null || f.Category == category);
        if (term is not null)
            shown = shown.Where(f => f.Description.ToLower().Contains(term) || (f.Place != null && f.Place.ToLower().Contains(term)));
        var findings = await shown.Include(f => f.FollowUpTask).ThenInclude(t => t!.ResponsibleOrganisation).OrderBy(f => f.Id).ToPagedAsync(page, ct: ct);
        var carried = await live.Where(f => f.CarriedFromFindingId != null).OrderBy(f => f.Id).ToListAsync(ct);
        // Removed findings stay as history: what, when and by whom, with nothing to act on.
        var removed = await db.Findings.AsNoTracking().Where(f => f.EventId == id && f.RemovedAtUtc != null).OrderBy(f => f.RemovedAtUtc)
            .Select(f => new RemovedFinding(f.Category, f.RemovedAtUtc!.Value, db.Users.Where(u => u.Id == f.RemovedByUserId).Select(u => u.Email).FirstOrDefault()))
            .ToListAsync(ct);
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.MunicipalityId == walk.MunicipalityId).OrderBy(o => o.Name).ToListAsync(ct);
        var related = await db.Events.AsNoTracking().Where(e => e.WalkEventId == id || e.PreviousWalkId == id || e.Id == walk.PreviousWalkId)
            .OrderBy(e => e.StartsAtUtc).ToListAsync(ct);
        var invitees = await db.Invitations.CountAsync(i => i.EventId == id && i.RemovedAtUtc == null, ct);
        var checkedIn = await db.Invitations.CountAsync(i => i.EventId == id && i.RemovedAtUtc == null && i.CheckedInAtUtc != null, ct);
        return View(new WalkPage(walk, findings.Rows, findings.Page, category, q?.Trim(), carried, organisations, related, MapOf(walk, findings.Rows),
            await CarriedCheck.EarlierTasksAsync(db, carried), invitees, checkedIn, removed, recording.IsOpen(walk)));
    }

    /// <summary>Sets or clears the coordinates of a stop, typed or filled in by a tap on the route map.</summary>
    [HttpPost("stops/position")]
    public async Task<IActionResult> SetStopPosition(int id, int? stopId, string? latitude, string? longitude)
    {
        var walk = await FindAsync(id);
        if (walk is null) return NotFound();
        var stop = walk.Stops.SingleOrDefault(s => s.Id == stopId);
        if (stop is null)
            TempData["Message"] = t["Välj vilket stopp som ska få positionen."].Value;
        else if (!Coordinates.TryRead(latitude, longitude, out var lat, out var lon))
            TempData["Message"] = t["Positionen är inte giltig: latitud −90 till 90 och longitud −180 till 180, med punkt eller komma."].Value;
        else
        {
            (stop.Latitude, stop.Longitude) = (lat, lon);
            await db.SaveChangesAsync();
        }
        return Redirect(Url.Action(nameof(Show), new { id }) + "#route");
    }

    [HttpPost("stops")]
    public async Task<IActionResult> AddStop(int id, string? name, string? latitude, string? longitude)
    {
        var walk = await FindAsync(id);
        if (walk is null) return NotFound();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            TempData["Message"] = t["Ge stoppet ett namn (högst 200 tecken)."].Value;
        else if (!Coordinates.TryRead(latitude, longitude, out var lat, out var lon))
            TempData["Message"] = t["Positionen är inte giltig: latitud −90 till 90 och longitud −180 till 180, med punkt eller komma."].Value;
        else
            walk.Stops.Add(new WalkStop { Name = name.Trim(), Latitude = lat, Longitude = lon, Order = walk.Stops.Select(s => s.Order).DefaultIfEmpty(0).Max() + 1 });
        await db.SaveChangesAsync();
        return Redirect(Url.Action(nameof(Show), new { id }) + "#route");
    }

    [HttpPost("stops/{stopId:int}/move")]
    public async Task<IActionResult> MoveStop(int id, int stopId, int direction)
    {
        var walk = await FindAsync(id);
        var ordered = walk?.Stops.OrderBy(s => s.Order).ToList();
        var index = ordered?.FindIndex(s => s.Id == stopId) ?? -1;
        if (ordered is null || index < 0) return NotFound();
        var other = index + Math.Sign(direction);
        if (other >= 0 && other < ordered.Count)
        {
            (ordered[index].Order, ordered[other].Order) = (ordered[other].Order, ordered[index].Order);
            await db.SaveChangesAsync();
        }
        return Redirect(Url.Action(nameof(Show), new { id }) + "#route");
    }

    [HttpGet("stops/{stopId:int}/remove")]
    public async Task<IActionResult> RemoveStop(int id, int stopId, CancellationToken ct)
    {
        var walk = await FindAsync(id);
        var stop = walk?.Stops.SingleOrDefault(s => s.Id == stopId);
        if (stop is null) return NotFound();
        return this.Confirm(new Confirmation(t["Ta bort stoppet {0}?", stop.Name],
            [t["Stoppet tas bort ur rutten och de andra stoppen får nya nummer. Fynd som redan gjorts finns kvar."]],
            t["Ta bort stoppet"], Url.Action(nameof(Show), new { id }) + "#route"));
    }

    [HttpPost("stops/{stopId:int}/remove")]
    public async Task<IActionResult> RemoveStop(int id, int stopId)
    {
        var walk = await FindAsync(id);
        var stop = walk?.Stops.SingleOrDefault(s => s.Id == stopId);
        if (stop is null) return NotFound();
        db.WalkStops.Remove(stop);
        await db.SaveChangesAsync();
        return Redirect(Url.Action(nameof(Show), new { id }) + "#route");
    }

    [HttpGet("findings/{findingId:int}/photo")]
    public async Task<IActionResult> Photo(int id, int findingId, bool thumbnail = false)
    {
        if (await FindAsync(id) is null) return NotFound();
        var finding = await db.Findings.AsNoTracking().SingleOrDefaultAsync(f => f.Id == findingId && f.EventId == id);
        return photos.Serve(finding?.PhotoPath, finding?.PhotoContentType, thumbnail);
    }

    private WalkMapData MapOf(Event walk, IReadOnlyList<Finding> findings) => new(
        maps.TileUrl, maps.Attribution, Url.Content("~/lib/leaflet/leaflet.js"), Url.Content("~/lib/leaflet/leaflet.css"),
        t["Karta över rutten och iakttagelserna"], "walk-map-slot", WalkMapData.CenterOf(walk), WalkMapData.StopsOf(walk),
        findings.Where(f => f.Latitude is not null && f.Longitude is not null)
            .Select(f => new WalkMapData.Point(f.Id, f.Category.ToString(), t[EnumTexts.Of(f.Category)], f.Description, f.Latitude!.Value, f.Longitude!.Value)).ToList(),
        "route", new() { ["picked"] = t["Position ifylld från kartan: {0}, {1}"], ["stop"] = t["Stopp {0}: {1}"], ["inList"] = t["Visa i listan"], ["zoomIn"] = t["Zooma in"], ["zoomOut"] = t["Zooma ut"] });

    private async Task<Event?> FindAsync(int id)
    {
        return await db.Events.Include(e => e.Stops).Include(e => e.Municipality).OwnWalkAsync(scope, id);
    }
}

public sealed record WalkPage(
    Event Walk, IReadOnlyList<Finding> Findings, PageInfo Page, FindingCategory? Category, string? Query, List<Finding> Carried,
    List<Organisations.Organisation> Organisations, List<Event> Related, WalkMapData Map,
    Dictionary<int, int?> EarlierTasks, int Invitees, int CheckedIn, List<RemovedFinding> Removed, bool RecordingOpen);

/// <summary>A finding an organiser removed, as the walk page keeps it in view: its kind, when, and by whom.</summary>
public sealed record RemovedFinding(FindingCategory Category, DateTime RemovedAtUtc, string? RemovedBy);
