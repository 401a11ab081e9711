using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>Writing a promise and its focus areas by hand, for municipalities without a template file.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("promises")]
public sealed class PromiseEditorController(
    AppDbContext db, MunicipalityScope scope, TimeProvider clock, IStringLocalizer<SharedResource> t,
    IValidator<PromiseForm> promiseValidator, IValidator<FocusAreaForm> areaValidator) : Controller
{
    [HttpGet("new")]
    public async Task<IActionResult> Create()
    {
        var allowed = await scope.AllowedAsync();
        if (allowed.Count == 0) return Forbid();
        return await PromiseView(new PromiseForm { MunicipalityId = allowed[0].Id, Year = StockholmTime.Now(clock).Year });
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(PromiseForm form)
    {
        if (!await scope.AllowsAsync(form.MunicipalityId)) return Forbid();
        form.Id = 0;
        if (!await promiseValidator.ValidateIntoAsync(form, ModelState)) return await PromiseView(form);
        var promise = new CitizenPromise { MunicipalityId = form.MunicipalityId, Year = form.Year, Title = form.Title!.Trim(), Introduction = Trimmed(form.Introduction) };
        db.CitizenPromises.Add(promise);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Medborgarlöftet har skapats. Lägg till fokusområden och löften."].Value;
        return RedirectToAction("Show", "Promises", new { id = promise.Id });
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id)
    {
        var promise = await FindPromiseAsync(id);
        return promise is null ? NotFound() : await PromiseView(new PromiseForm
        {
            Id = id, MunicipalityId = promise.MunicipalityId, Year = promise.Year, Title = promise.Title, Introduction = promise.Introduction,
        });
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, PromiseForm form)
    {
        var promise = await FindPromiseAsync(id);
        if (promise is null) return NotFound();
        form.Id = id;
        form.MunicipalityId = promise.MunicipalityId;
        if (!await promiseValidator.ValidateIntoAsync(form, ModelState)) return await PromiseView(form);
        promise.Year = form.Year;
        promise.Title = form.Title!.Trim();
        promise.Introduction = Trimmed(form.Introduction);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Ändringarna har sparats."].Value;
        return RedirectToAction("Show", "Promises", new { id });
    }

    [HttpGet("{id:int}/areas/new")]
    public async Task<IActionResult> CreateArea(int id) =>
        await FindPromiseAsync(id) is null ? NotFound() : View("AreaForm", new FocusAreaForm { PromiseId = id });

    [HttpPost("{id:int}/areas/new")]
    public async Task<IActionResult> CreateArea(int id, FocusAreaForm form)
    {
        var promise = await FindPromiseAsync(id);
        if (promise is null) return NotFound();
        form.PromiseId = id;
        if (!await areaValidator.ValidateIntoAsync(form, ModelState)) return View("AreaForm", form);
        var order = await db.FocusAreas.Where(a => a.CitizenPromiseId == id).Select(a => (int?)a.SortOrder).MaxAsync() ?? 0;
        db.FocusAreas.Add(new FocusArea { CitizenPromiseId = id, Title = form.Title!.Trim(), Description = Trimmed(form.Description), SortOrder = order + 1 });
        await db.SaveChangesAsync();
        return RedirectToAction("Show", "Promises", new { id });
    }

    [HttpGet("areas/{areaId:int}/edit")]
    public async Task<IActionResult> EditArea(int areaId)
    {
        var area = await FindAreaAsync(areaId);
        return area is null ? NotFound() : View("AreaForm", new FocusAreaForm
        {
            Id = area.Id, PromiseId = area.CitizenPromiseId, Title = area.Title, Description = area.Description,
        });
    }

    [HttpPost("areas/{areaId:int}/edit")]
    public async Task<IActionResult> EditArea(int areaId, FocusAreaForm form)
    {
        var area = await FindAreaAsync(areaId);
        if (area is null) return NotFound();
        form.Id = areaId;
        form.PromiseId = area.CitizenPromiseId;
        if (!await areaValidator.ValidateIntoAsync(form, ModelState)) return View("AreaForm", form);
        area.Title = form.Title!.Trim();
        area.Description = Trimmed(form.Description);
        await db.SaveChangesAsync();
        return RedirectToAction("Show", "Promises", new { id = area.CitizenPromiseId });
    }

    [HttpGet("areas/{areaId:int}/delete")]
    public async Task<IActionResult> DeleteArea(int areaId, CancellationToken ct)
    {
        var area = await FindAreaAsync(areaId);
        if (area is null) return NotFound();
        var pledges = await db.Pledges.CountAsync(p => p.FocusAreaId == areaId, ct);
        var events = await db.Events.CountAsync(e => e.Pledge != null && e.Pledge.FocusAreaId == areaId, ct);
        return this.Confirm(new Confirmation(t["Ta bort fokusområdet {0}?", area.Title],
            [t["Fokusområdet och dess {0} löften tas bort. Det går inte att ångra.", pledges], t["{0} händelser som räknades till löftena finns kvar, utan koppling till något löfte.", events]],
            t["Ta bort fokusområdet och dess löften"], Url.Action(nameof(EditArea), new { areaId })!));
    }

    [HttpPost("areas/{areaId:int}/delete")]
    public async Task<IActionResult> DeleteArea(int areaId)
    {
        var area = await FindAreaAsync(areaId);
        if (area is null) return NotFound();
        db.FocusAreas.Remove(area);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Fokusområdet {0} och dess löften har tagits bort.", area.Title].Value;
        return RedirectToAction("Show", "Promises", new { id = area.CitizenPromiseId });
    }

    private async Task<CitizenPromise?> FindPromiseAsync(int id)
    {
        var ids = await scope.AllowedIdsAsync();
        return await db.CitizenPromises.SingleOrDefaultAsync(p => p.Id == id && ids.Contains(p.MunicipalityId));
    }

    private async Task<FocusArea?> FindAreaAsync(int id)
    {
        var ids = await scope.AllowedIdsAsync();
        return await db.FocusAreas.SingleOrDefaultAsync(a => a.Id == id && ids.Contains(a.CitizenPromise.MunicipalityId));
    }

    private async Task<IActionResult> PromiseView(PromiseForm form)
    {
        ViewData["Municipalities"] = await scope.AllowedAsync();
        return View("PromiseForm", form);
    }

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
