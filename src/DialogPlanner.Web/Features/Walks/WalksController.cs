using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>The organiser's view of a walk: its route and every finding, filterable by category.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("walks/{id:int}")]
public sealed class WalksController(AppDbContext db, MunicipalityScope scope, PhotoStore photos, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Show(int id, FindingCategory? category)
    {
        var walk = await FindAsync(id);
        if (walk is null) return NotFound();
        var findings = await db.Findings.AsNoTracking().Include(f => f.FollowUpTask).ThenInclude(t => t!.ResponsibleOrganisation)
            .Where(f => f.EventId == id && (category == null || f.Category == category)).OrderBy(f => f.Id).ToListAsync();
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.MunicipalityId == walk.MunicipalityId).OrderBy(o => o.Name).ToListAsync();
        return View(new WalkPage(walk, findings, category, organisations));
    }

    [HttpPost("stops")]
    public async Task<IActionResult> AddStop(int id, string? name, double? latitude, double? longitude)
    {
        var walk = await FindAsync(id);
        if (walk is null) return NotFound();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
            TempData["Message"] = t["Ge stoppet ett namn (högst 200 tecken)."].Value;
        else
            walk.Stops.Add(new WalkStop { Name = name.Trim(), Latitude = latitude, Longitude = longitude, Order = walk.Stops.Select(s => s.Order).DefaultIfEmpty(0).Max() + 1 });
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
    public async Task<IActionResult> Photo(int id, int findingId)
    {
        if (await FindAsync(id) is null) return NotFound();
        var finding = await db.Findings.AsNoTracking().SingleOrDefaultAsync(f => f.Id == findingId && f.EventId == id);
        return photos.Serve(finding?.PhotoPath, finding?.PhotoContentType);
    }

    private async Task<Event?> FindAsync(int id)
    {
        var ids = await scope.AllowedIdsAsync();
        return await db.Events.Include(e => e.Stops).Include(e => e.Municipality)
            .SingleOrDefaultAsync(e => e.Id == id && ids.Contains(e.MunicipalityId) && (e.Type == EventType.SafetyWalk || e.Type == EventType.FarmWalk));
    }
}

public sealed record WalkPage(Event Walk, List<Finding> Findings, FindingCategory? Category, List<Organisations.Organisation> Organisations);
