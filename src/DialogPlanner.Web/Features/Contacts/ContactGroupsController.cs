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

    [HttpGet("{id:int}/import")]
    public async Task<IActionResult> Import(int id) =>
        await FindAsync(id) is { } group ? View("Import", new ContactImport(group)) : NotFound();

    /// <summary>Reads the file and shows what would happen; nothing is saved until the organiser confirms.</summary>
    [HttpPost("{id:int}/import")]
    [RequestSizeLimit(ContactFile.MaxBytes + 64 * 1024)]
    public async Task<IActionResult> Import(int id, IFormFile? file, CancellationToken ct)
    {
        var group = await FindAsync(id);
        if (group is null) return NotFound();
        if (file is null || file.Length == 0 || file.Length > ContactFile.MaxBytes)
            return View("Import", new ContactImport(group) { Error = t["Välj en CSV- eller vCard-fil på högst {0} MB.", ContactFile.MaxBytes / 1024 / 1024] });
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return View("Import", await PreviewAsync(group, buffer.ToArray(), ct));
    }

    [HttpPost("{id:int}/import/confirm")]
    [RequestSizeLimit(ContactFile.MaxBytes * 2)]
    public async Task<IActionResult> ImportConfirmed(int id, string? content, CancellationToken ct)
    {
        var group = await FindAsync(id);
        if (group is null) return NotFound();
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content ?? "");
        }
        catch (FormatException)
        {
            return BadRequest();
        }
        var preview = await PreviewAsync(group, bytes, ct);
        if (preview.File!.Contacts.Count == 0) return View("Import", preview);
        await db.Entry(group).Collection(g => g.Contacts).LoadAsync(ct);
        var added = 0;
        foreach (var imported in preview.File.Contacts)
        {
            var contact = preview.Existing.GetValueOrDefault(EmailAddress.Normalize(imported.Email));
            if (contact is null)
            {
                contact = new Contact { MunicipalityId = group.MunicipalityId, Name = imported.Name, Email = imported.Email, Phone = imported.Phone };
                db.Contacts.Add(contact);
                added++;
            }
            if (!group.Contacts.Contains(contact)) group.Contacts.Add(contact);
        }
        await db.SaveChangesAsync(ct);
        TempData["Message"] = t["{0} nya kontakter lades till och {1} fanns redan. Alla {2} finns nu i gruppen {3}.",
            added, preview.File.Contacts.Count - added, preview.File.Contacts.Count, group.Name].Value;
        return RedirectToAction("Index", "Contacts", new { group = id });
    }

    /// <summary>The file read, and which of its addresses are contacts of the municipality already (merged by address).</summary>
    private async Task<ContactImport> PreviewAsync(ContactGroup group, byte[] bytes, CancellationToken ct)
    {
        var file = ContactFile.Read(bytes, t);
        var addresses = file.Contacts.Select(c => EmailAddress.Normalize(c.Email)).ToList();
        var existing = new Dictionary<string, Contact>();
        foreach (var chunk in addresses.Chunk(500)) // bounded IN lists
            foreach (var c in await db.Contacts.Where(c => c.MunicipalityId == group.MunicipalityId && chunk.Contains(c.NormalizedEmail)).ToListAsync(ct))
                existing[c.NormalizedEmail] = c;
        return new ContactImport(group) { File = file, Existing = existing, Content = Convert.ToBase64String(bytes) };
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

public sealed record ContactImport(ContactGroup Group)
{
    public string? Error { get; init; }
    public ContactFile? File { get; init; }
    public IReadOnlyDictionary<string, Contact> Existing { get; init; } = new Dictionary<string, Contact>();
    public string? Content { get; init; }
    public int New => File?.Contacts.Count(c => !Existing.ContainsKey(EmailAddress.Normalize(c.Email))) ?? 0;
}
