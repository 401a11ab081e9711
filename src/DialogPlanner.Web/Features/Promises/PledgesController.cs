using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>Adding and editing pledges: text, who, the countable target, and for the rest a status and notes.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("promises")]
public sealed class PledgesController(
    AppDbContext db, MunicipalityScope scope, IValidator<PledgeForm> validator, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("areas/{areaId:int}/pledges/new")]
    public async Task<IActionResult> Create(int areaId) =>
        await AllowedAreaAsync(areaId) is null ? NotFound() : View("Form", new PledgeForm { FocusAreaId = areaId });

    [HttpPost("areas/{areaId:int}/pledges/new")]
    public async Task<IActionResult> Create(int areaId, PledgeForm form)
    {
        var area = await AllowedAreaAsync(areaId);
        if (area is null) return NotFound();
        form.FocusAreaId = areaId;
        form.Id = 0;
        if (!await validator.ValidateIntoAsync(form, ModelState)) return View("Form", form);
        var order = await db.Pledges.Where(p => p.FocusAreaId == areaId).Select(p => (int?)p.SortOrder).MaxAsync() ?? 0;
        var pledge = new Pledge { Text = "", FocusAreaId = areaId, SortOrder = order + 1 };
        form.ApplyTo(pledge);
        db.Pledges.Add(pledge);
        await db.SaveChangesAsync();
        return RedirectToDashboard(area.CitizenPromiseId, pledge.Id);
    }

    [HttpGet("pledges/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id)
    {
        var pledge = await FindAsync(id);
        return pledge is null ? NotFound() : View("Form", PledgeForm.From(pledge));
    }

    [HttpPost("pledges/{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, PledgeForm form)
    {
        var pledge = await FindAsync(id);
        if (pledge is null) return NotFound();
        form.Id = id;
        form.FocusAreaId = pledge.FocusAreaId;
        if (!await validator.ValidateIntoAsync(form, ModelState)) return View("Form", form);
        form.ApplyTo(pledge);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Löftet har sparats."].Value;
        return RedirectToDashboard(pledge.FocusArea.CitizenPromiseId, id);
    }

    [HttpGet("pledges/{id:int}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        var pledge = await FindAsync(id);
        if (pledge is null) return NotFound();
        var events = await db.Events.CountAsync(e => e.PledgeId == id, ct);
        return this.Confirm(new Confirmation(t["Ta bort löftet?"],
            [t["”{0}” tas bort ur medborgarlöftet. Det går inte att ångra.", pledge.Text], t["{0} händelser som räknades till löftet finns kvar, utan koppling till något löfte.", events]],
            t["Ta bort löftet"], Url.Action(nameof(Edit), new { id })!));
    }

    [HttpPost("pledges/{id:int}/delete")]
    public async Task<IActionResult> Delete(int id)
    {
        var pledge = await FindAsync(id);
        if (pledge is null) return NotFound();
        // Events that counted toward it stay, unlinked (the foreign key sets null).
        db.Pledges.Remove(pledge);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Löftet har tagits bort."].Value;
        return RedirectToAction("Show", "Promises", new { id = pledge.FocusArea.CitizenPromiseId });
    }

    private IActionResult RedirectToDashboard(int promiseId, int pledgeId) =>
        Redirect(Url.Action("Show", "Promises", new { id = promiseId }) + $"#pledge-{pledgeId}");

    private async Task<FocusArea?> AllowedAreaAsync(int areaId)
    {
        var ids = await scope.AllowedIdsAsync();
        return await db.FocusAreas.SingleOrDefaultAsync(a => a.Id == areaId && ids.Contains(a.CitizenPromise.MunicipalityId));
    }

    private async Task<Pledge?> FindAsync(int id)
    {
        var ids = await scope.AllowedIdsAsync();
        return await db.Pledges.Include(p => p.FocusArea)
            .SingleOrDefaultAsync(p => p.Id == id && ids.Contains(p.FocusArea.CitizenPromise.MunicipalityId));
    }
}
