using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Promises;

[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("promises")]
public sealed class PromisesController(AppDbContext db, MunicipalityScope scope, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var ids = await scope.AllowedIdsAsync();
        var promises = await db.CitizenPromises.AsNoTracking().Where(p => ids.Contains(p.MunicipalityId))
            .OrderByDescending(p => p.Year).ThenBy(p => p.Municipality.Name)
            .Select(p => new PromiseListRow(p.Id, p.Municipality.Name, p.Year, p.Title, p.FocusAreas.SelectMany(f => f.Pledges).Count()))
            .ToListAsync();
        return View(promises);
    }

    /// <summary>The dashboard: every pledge with its target, events held and scheduled, and its status today.</summary>
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id)
    {
        var overview = await LoadAllowedAsync(id);
        return overview is null ? NotFound() : View(overview);
    }

    /// <summary>The promise's overview, or null when it does not exist or belongs to a municipality the user may not see.</summary>
    internal async Task<PromiseOverview?> LoadAllowedAsync(int id)
    {
        var overview = await PromiseOverview.LoadAsync(db, id, clock);
        return overview is not null && await scope.AllowsAsync(overview.Promise.MunicipalityId) ? overview : null;
    }
}

public sealed record PromiseListRow(int Id, string Municipality, int Year, string Title, int Pledges);
