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
[Route("contacts")]
public sealed class ContactsController(
    AppDbContext db, MunicipalityScope scope, IValidator<ContactForm> validator, IStringLocalizer<SharedResource> t) : Controller
{
    /// <summary>The contacts of the user's municipalities, 50 a page, searched by name or address and filtered by group in the database.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, int? group, int? page)
    {
        var ids = await scope.AllowedIdsAsync();
        var query = db.Contacts.AsNoTracking().Include(c => c.Organisation).Include(c => c.Groups)
            .Where(c => ids.Contains(c.MunicipalityId));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLower();
            var address = EmailAddress.Normalize(q);
            query = query.Where(c => c.Name.ToLower().Contains(term) || c.NormalizedEmail.Contains(address));
        }
        if (group is not null) query = query.Where(c => c.Groups.Any(g => g.Id == group));
        ViewData["Groups"] = await db.ContactGroups.AsNoTracking().Where(g => ids.Contains(g.MunicipalityId)).OrderBy(g => g.Name).ToListAsync();
        ViewData["Query"] = q;
        ViewData["Group"] = group;
        return View(await query.OrderBy(c => c.Name).ThenBy(c => c.Id).ToPagedAsync(page));
    }

    [HttpGet("new")]
    public async Task<IActionResult> Create(int? group)
    {
        var allowed = await scope.AllowedAsync();
        if (allowed.Count == 0) return Forbid();
        var form = new ContactForm { MunicipalityId = allowed[0].Id };
        if (group is not null) form.GroupIds.Add(group.Value);
        return await FormView(form);
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(ContactForm form)
    {
        if (!await scope.AllowsAsync(form.MunicipalityId)) return Forbid();
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await FormView(form);
        var contact = new Contact { Name = "", Email = "" };
        form.ApplyTo(contact, await GroupsAsync(form));
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Kontakten {0} har sparats.", contact.Name].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id)
    {
        var contact = await FindAsync(id);
        return contact is null ? NotFound() : await FormView(ContactForm.From(contact));
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, ContactForm form)
    {
        var contact = await FindAsync(id);
        if (contact is null) return NotFound();
        form.Id = id;
        if (!await scope.AllowsAsync(form.MunicipalityId)) return Forbid();
        if (!await validator.ValidateIntoAsync(form, ModelState)) return await FormView(form);
        form.ApplyTo(contact, await GroupsAsync(form));
        await db.SaveChangesAsync();
        TempData["Message"] = t["Kontakten {0} har sparats.", contact.Name].Value;
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id)
    {
        var contact = await FindAsync(id);
        return contact is null ? NotFound() : View(contact);
    }

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> DeleteConfirmed(int id)
    {
        var contact = await FindAsync(id);
        if (contact is null) return NotFound();
        db.Contacts.Remove(contact);
        await db.SaveChangesAsync();
        TempData["Message"] = t["Kontakten {0} har tagits bort.", contact.Name].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<Contact?> FindAsync(int id)
    {
        var ids = await scope.AllowedIdsAsync();
        return await db.Contacts.Include(c => c.Groups).SingleOrDefaultAsync(c => c.Id == id && ids.Contains(c.MunicipalityId));
    }

    /// <summary>Only groups of the contact's own municipality can be chosen; other ids are ignored.</summary>
    private Task<List<ContactGroup>> GroupsAsync(ContactForm form) =>
        db.ContactGroups.Where(g => g.MunicipalityId == form.MunicipalityId && form.GroupIds.Contains(g.Id)).ToListAsync();

    private async Task<IActionResult> FormView(ContactForm form)
    {
        var allowed = await scope.AllowedAsync();
        var ids = allowed.Select(m => m.Id).ToArray();
        ViewData["Municipalities"] = allowed;
        ViewData["Organisations"] = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.MunicipalityId)).OrderBy(o => o.Name).ToListAsync();
        ViewData["Groups"] = await db.ContactGroups.AsNoTracking().Where(g => ids.Contains(g.MunicipalityId)).OrderBy(g => g.Name).ToListAsync();
        return View("Form", form);
    }
}
