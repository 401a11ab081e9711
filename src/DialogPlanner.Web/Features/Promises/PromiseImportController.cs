using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>Upload a promise template, look at what it holds, then confirm. Nothing is saved before the confirmation.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("promises/import")]
public sealed class PromiseImportController(
    AppDbContext db, MunicipalityScope scope, PromiseImporter importer, IStringLocalizer<SharedResource> t) : Controller
{
    private const int MaxBytes = 1024 * 1024;

    [HttpGet("")]
    public IActionResult Upload() => View(new ImportPreview());

    [HttpPost("")]
    [RequestSizeLimit(MaxBytes + 64 * 1024)]
    public async Task<IActionResult> Upload(IFormFile? file)
    {
        if (file is null || file.Length == 0)
            return View(new ImportPreview { Problems = [t["Välj en mallfil (.json) att ladda upp."]] });
        if (file.Length > MaxBytes)
            return View(new ImportPreview { Problems = [t["Filen är för stor (högst 1 MB)."]] });
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer);
        return await PreviewAsync(buffer.ToArray(), file.FileName);
    }

    [HttpPost("confirm")]
    public async Task<IActionResult> Confirm(string content, bool replace)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(content);
        }
        catch (FormatException)
        {
            return BadRequest();
        }
        var preview = await CheckAsync(bytes, null);
        if (preview.Problems.Count > 0) return View(nameof(Upload), preview);
        var summary = await importer.ImportAsync(preview.Template!, replace);
        if (summary.Outcome == ImportOutcome.ExistsAlready)
        {
            preview.Problems.Add(t["Kryssa i att det befintliga löftet ska ersättas, eller avbryt."]);
            return View("Preview", preview);
        }
        TempData["Message"] = (summary.Outcome == ImportOutcome.Replaced
            ? t["Medborgarlöftet ersattes: {0} fokusområden, {1} löften.", summary.FocusAreas, summary.Pledges]
            : t["Medborgarlöftet importerades: {0} fokusområden, {1} löften.", summary.FocusAreas, summary.Pledges]).Value;
        if (summary.NewMunicipality)
        {
            // A municipality new to the app has no centre, public text or contact yet: the organiser sets them next.
            TempData["Message"] += " " + t["{0} är ny här: fyll i kommunens inställningar.", preview.Template!.Municipality!].Value;
            return RedirectToAction("Settings", "Municipalities", new { id = summary.MunicipalityId });
        }
        return RedirectToAction("Show", "Promises", new { id = summary.PromiseId });
    }

    private async Task<IActionResult> PreviewAsync(byte[] bytes, string? fileName)
    {
        var preview = await CheckAsync(bytes, fileName);
        return View(preview.Problems.Count > 0 ? nameof(Upload) : "Preview", preview);
    }

    /// <summary>Reads the template and checks that the user may import it; the problems say why not.</summary>
    private async Task<ImportPreview> CheckAsync(byte[] bytes, string? fileName)
    {
        var read = PromiseTemplateReader.Read(bytes, t);
        var preview = new ImportPreview { FileName = fileName, Content = Convert.ToBase64String(bytes), Template = read.Template };
        if (!read.Ok)
        {
            preview.Problems.AddRange(read.Errors.Select(e => e.Line > 0 ? t["rad {0}, {1}: {2}", e.Line, e.Path, e.Message].Value : $"{e.Path}: {e.Message}"));
            return preview;
        }
        var name = read.Template!.Municipality!.Trim();
        var municipality = (await scope.AllowedAsync()).FirstOrDefault(m => m.Name == name);
        var mayCreate = User.IsInRole(Roles.Administrator) && !await db.Municipalities.AnyAsync(m => m.Name == name);
        if (municipality is null && !mayCreate)
        {
            preview.Problems.Add(t["Du kan inte importera ett löfte för {0}: du arbetar inte för den kommunen.", name]);
            return preview;
        }
        preview.Existing = municipality is null ? null : await db.CitizenPromises.AsNoTracking()
            .Where(p => p.MunicipalityId == municipality.Id && p.Year == read.Template.Year)
            .Select(p => new ExistingPromise(p.Id, p.Title, p.FocusAreas.SelectMany(f => f.Pledges).Count()))
            .SingleOrDefaultAsync();
        return preview;
    }
}

public sealed record ExistingPromise(int Id, string Title, int Pledges);

public sealed class ImportPreview
{
    public string? FileName { get; init; }
    public string? Content { get; init; }
    public PromiseTemplate? Template { get; init; }
    public ExistingPromise? Existing { get; set; }
    public List<string> Problems { get; init; } = [];
}
