using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Contacts;

[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("contact-groups")]
public sealed class ContactGroupsController(
    AppDbContext db, MunicipalityScope scope, IValidator<ContactGroupForm> validator, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var ids = await scope.AllowedIdsAsync();
        var groups = await db.ContactGroups.AsNoTracking().Where(g => ids.Contains(g.MunicipalityId))
            .OrderBy(g => g.Name)
            .Select(g => new ContactGroupRow(g.Id, g.Name, g.Description, g.Municipality.Name, g.Contacts.Count))
            .ToListAsync();
        return View(groups);
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create()
    {
        var allowed = await scope.AllowedAsync();
        if (allowed.Count == 0) return Forbid();
        return await FormView(new ContactGroupForm { MunicipalityId = allowed[0].Id });
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(ContactGroupForm form)
    {
        if (!await scope.AllowsAsync(form.MunicipalityId)) return Forbid();
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await FormView(form);
        var group = new ContactGroup { MunicipalityId = form.MunicipalityId, Name = form.Name!.Trim(), Description = form.Description?.Trim() };
        db.ContactGroups.Add(group);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Gruppen {0} har sparats.", group.Name].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id)
    {
        var group = await FindAsync(id);
        return group is null ? NotFound() : await FormView(new ContactGroupForm
        {
            Id = group.Id, MunicipalityId = group.MunicipalityId, Name = group.Name, Description = group.Description,
        });
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, ContactGroupForm form)
    {
        var group = await FindAsync(id);
        if (group is null) return NotFound();
        // A group stays in its municipality: its members belong there.
        form.Id = id;
        form.MunicipalityId = group.MunicipalityId;
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await FormView(form);
        group.Name = form.Name!.Trim();
        group.Description = form.Description?.Trim();
        await db.SaveChangesAsync();
        TempData["Message"] = t["Gruppen {0} har sparats.", group.Name].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id)
    {
        var group = await FindAsync(id);
        return group is null ? NotFound() : View(group);
    }

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> DeleteConfirmed(int id)
    {
        var group = await FindAsync(id);
        if (group is null) return NotFound();
        db.ContactGroups.Remove(group);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Gruppen {0} har tagits bort. Kontakterna finns kvar.", group.Name].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<ContactGroup?> FindAsync(int id)
    {
        var ids = await scope.AllowedIdsAsync();
        return await db.ContactGroups.SingleOrDefaultAsync(g => g.Id == id && ids.Contains(g.MunicipalityId));
    }

    private async Task<IActionResult> FormView(ContactGroupForm form)
    {
        ViewData["Municipalities"] = await scope.AllowedAsync();
        return View("Form", form);
    }
}

public sealed record ContactGroupRow(int Id, string Name, string? Description, string Municipality, int Members);
