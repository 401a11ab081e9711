using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Events;

[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("events")]
public sealed class EventsController(AppDbContext db, MunicipalityScope scope) : Controller
{
    /// <summary>The events of the user's municipalities, optionally those counted toward one pledge or in one status.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(int? pledge, EventStatus? status)
    {
        var ids = await scope.AllowedIdsAsync();
        var query = db.Events.AsNoTracking().Include(e => e.Municipality).Include(e => e.Pledge)
            .Where(e => ids.Contains(e.MunicipalityId));
        if (pledge is not null) query = query.Where(e => e.PledgeId == pledge);
        if (status is not null) query = query.Where(e => e.Status == status);
        ViewData["Pledge"] = pledge is null ? null : await db.Pledges.AsNoTracking().Where(p => p.Id == pledge).Select(p => p.Text).SingleOrDefaultAsync();
        ViewData["Status"] = status;
        return View(await query.OrderBy(e => e.StartsAtUtc).ToListAsync());
    }
}
