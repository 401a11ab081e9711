using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Walks;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Organisations;

/// <summary>The organiser's setting of who usually answers for each finding category, per municipality of their own.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("organisations/responsibilities")]
public sealed class ResponsibilitiesController(
    AppDbContext db, MunicipalityScope scope, IValidator<ResponsibilitiesForm> validator, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Edit(int? municipalityId)
    {
        var allowed = await scope.AllowedAsync();
        var id = municipalityId ?? allowed.FirstOrDefault()?.Id;
        if (id is null || !await scope.AllowsAsync(id.Value)) return Forbid();
        var saved = await db.CategoryResponsibilities.AsNoTracking().Where(r => r.MunicipalityId == id).ToListAsync();
        var hidden = await db.Municipalities.Where(m => m.Id == id).Select(m => m.HiddenFindingCategories).SingleAsync();
        return await FormView(ResponsibilitiesForm.For(id.Value, saved, hidden));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(ResponsibilitiesForm form)
    {
        if (!await scope.AllowsAsync(form.MunicipalityId)) return Forbid();
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await FormView(form);
        var saved = await db.CategoryResponsibilities.Where(r => r.MunicipalityId == form.MunicipalityId).ToListAsync();
        foreach (var row in form.Rows)
        {
            var existing = saved.FirstOrDefault(r => r.Category == row.Category);
            if (row.OrganisationId is not { } organisationId)
            {
                if (existing is not null) db.CategoryResponsibilities.Remove(existing);
            }
            else if (existing is null)
            {
                db.CategoryResponsibilities.Add(new CategoryResponsibility { MunicipalityId = form.MunicipalityId, Category = row.Category, OrganisationId = organisationId });
            }
            else
            {
                existing.OrganisationId = organisationId;
            }
        }
        var municipality = await db.Municipalities.SingleAsync(m => m.Id == form.MunicipalityId);
        municipality.HiddenFindingCategories = FindingCategories.Store(form.Rows.Where(r => !r.Offered).Select(r => r.Category));
        await db.SaveChangesAsync();
        TempData["Message"] = t["Ansvaret per kategori har sparats."].Value;
        return RedirectToAction(nameof(Edit), new { municipalityId = form.MunicipalityId });
    }

    private async Task<IActionResult> FormView(ResponsibilitiesForm form)
    {
        ViewData["Municipalities"] = await scope.AllowedAsync();
        ViewData["Organisations"] = await db.Organisations.AsNoTracking().Where(o => o.MunicipalityId == form.MunicipalityId).OrderBy(o => o.Name).ToListAsync();
        return View("Edit", form);
    }
}
