using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Organisations;

[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("organisations")]
public sealed class OrganisationsController(
    AppDbContext db, MunicipalityScope scope, IValidator<OrganisationForm> validator, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var ids = await scope.AllowedIdsAsync();
        var list = await db.Organisations.AsNoTracking().Include(o => o.Municipality)
            .Where(o => ids.Contains(o.MunicipalityId)).OrderBy(o => o.Name).ToListAsync();
        return View(list);
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create()
    {
        var allowed = await scope.AllowedAsync();
        if (allowed.Count == 0) return Forbid();
        return await FormView(new OrganisationForm { MunicipalityId = allowed[0].Id });
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(OrganisationForm form)
    {
        if (!await scope.AllowsAsync(form.MunicipalityId)) return Forbid();
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await FormView(form);
        var organisation = new Organisation { Name = "" };
        form.ApplyTo(organisation);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Organisationen {0} har sparats.", organisation.Name].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id)
    {
        var organisation = await FindAsync(id);
        return organisation is null ? NotFound() : await FormView(OrganisationForm.From(organisation));
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, OrganisationForm form)
    {
        var organisation = await FindAsync(id);
        if (organisation is null) return NotFound();
        form.Id = id;
        if (!await scope.AllowsAsync(form.MunicipalityId)) return Forbid();
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await FormView(form);
        form.ApplyTo(organisation);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Organisationen {0} har sparats.", organisation.Name].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id)
    {
        var organisation = await FindAsync(id);
        return organisation is null ? NotFound() : View(organisation);
    }

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> DeleteConfirmed(int id)
    {
        var organisation = await FindAsync(id);
        if (organisation is null) return NotFound();
        if (await db.FollowUpTasks.AnyAsync(x => x.ResponsibleOrganisationId == id))
        {
            ModelState.AddModelError(string.Empty, t["Organisationen ansvarar för åtgärder och kan inte tas bort."]);
            return View(nameof(Delete), organisation);
        }
        db.Organisations.Remove(organisation);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Organisationen {0} har tagits bort.", organisation.Name].Value;
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The organisation, if it exists in a municipality the user may see; otherwise null (shown as 404).</summary>
    private async Task<Organisation?> FindAsync(int id)
    {
        var ids = await scope.AllowedIdsAsync();
        return await db.Organisations.SingleOrDefaultAsync(o => o.Id == id && ids.Contains(o.MunicipalityId));
    }

    private async Task<IActionResult> FormView(OrganisationForm form)
    {
        ViewData["Municipalities"] = await scope.AllowedAsync();
        return View("Form", form);
    }
}
