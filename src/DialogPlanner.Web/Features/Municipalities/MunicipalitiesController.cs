using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Walks;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Municipalities;

/// <summary>
/// Each municipality's settings: administrators reach every one, organisers those they work for (others are not found).
/// </summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("municipalities")]
public sealed class MunicipalitiesController(
    AppDbContext db, MunicipalityScope scope, MapSettings maps, IValidator<MunicipalitySettingsForm> validator, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await scope.AllowedAsync(ct));

    [HttpGet("{id:int}/settings")]
    public async Task<IActionResult> Settings(int id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } m ? FormView(MunicipalitySettingsForm.From(m), m) : NotFound();

    [HttpPost("{id:int}/settings")]
    public async Task<IActionResult> Settings(int id, MunicipalitySettingsForm form, CancellationToken ct)
    {
        var m = await FindAsync(id, ct);
        if (m is null) return NotFound();
        form.Id = id;
        if (!await validator.ValidateIntoAsync(form, ModelState)) return FormView(form, m);
        form.ApplyTo(m);
        await db.SaveChangesAsync(ct);
        TempData["Message"] = t["Inställningarna för {0} har sparats.", m.Name].Value;
        return RedirectToAction(nameof(Settings), new { id });
    }

    private ViewResult FormView(MunicipalitySettingsForm form, Municipality m)
    {
        double[]? centre = m.Latitude is { } lat && m.Longitude is { } lon ? [lat, lon] : null;
        ViewData["Map"] = new WalkMapData(maps.TileUrl, maps.Attribution, Url.Content("~/lib/leaflet/leaflet.js"), Url.Content("~/lib/leaflet/leaflet.css"),
            t["Karta: tryck på kommunens centrum"], "centre-map-slot", centre, [], [], "centre",
            new() { ["picked"] = t["Position ifylld från kartan: {0}, {1}"], ["stop"] = "", ["inList"] = "", ["zoomIn"] = t["Zooma in"], ["zoomOut"] = t["Zooma ut"] });
        return View("Settings", form);
    }

    private async Task<Municipality?> FindAsync(int id, CancellationToken ct) =>
        await scope.AllowsAsync(id, ct) ? await db.Municipalities.SingleOrDefaultAsync(m => m.Id == id, ct) : null;
}
