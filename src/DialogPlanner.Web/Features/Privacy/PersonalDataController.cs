using System.Text.Json;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Privacy;

/// <summary>
/// The personal data of one person (GDPR access and erasure): search by address, see counts and rows, export as one
/// JSON file, erase after a confirmation. Organisers act within their municipalities; administrators on everything.
/// </summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("personal-data")]
public sealed class PersonalDataController(AppDbContext db, MunicipalityScope scope, TimeProvider clock, IStringLocalizer<SharedResource> t) : Controller
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    [HttpGet("")]
    public async Task<IActionResult> Index(string? email, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email)) return View(new PersonalDataPage(null, null));
        if (!EmailAddress.TryParse(email, out _)) return View(new PersonalDataPage(email, null, t["Skriv en e-postadress, till exempel namn@example.se."]));
        return View(new PersonalDataPage(email, await FindAsync(email, ct)));
    }

    [HttpGet("export")]
    public async Task<IActionResult> Export(string email, CancellationToken ct)
    {
        if (!EmailAddress.TryParse(email, out _)) return RedirectToAction(nameof(Index), new { email });
        var person = await FindAsync(email, ct);
        var bodies = await person.MailBodiesAsync(db, ct);
        await AuditLog.RecordAsync(db, HttpContext, clock, AuditAction.Exported, "Person", "-");
        var file = JsonSerializer.SerializeToUtf8Bytes(new
        {
            person.Address, ExportedAtUtc = clock.GetUtcNow().UtcDateTime, person.Account, person.Contacts, person.Invitations,
            Mails = person.Mails.Select(m => new { m.Id, m.Kind, m.Subject, m.To, m.ToName, m.Status, m.CreatedAtUtc, m.SentAtUtc, Message = bodies.GetValueOrDefault(m.Id) }),
            CalendarRepliesSetAside = person.SetAside, person.Findings, person.AuditEntries,
        }, Indented);
        return File(file, "application/json", $"personuppgifter-{StockholmTime.Today(clock):yyyy-MM-dd}.json");
    }

    [HttpGet("erase")]
    public async Task<IActionResult> ConfirmErase(string email, CancellationToken ct)
    {
        if (!EmailAddress.TryParse(email, out _)) return RedirectToAction(nameof(Index), new { email });
        var person = await FindAsync(email, ct);
        if (person.IsEmpty) return RedirectToAction(nameof(Index), new { email });
        return View("Erase", person);
    }

    [HttpPost("erase")]
    public async Task<IActionResult> Erase(string email, CancellationToken ct)
    {
        if (!EmailAddress.TryParse(email, out _)) return RedirectToAction(nameof(Index), new { email });
        var person = await FindAsync(email, ct);
        if (person.IsEmpty) return RedirectToAction(nameof(Index), new { email });
        var counts = await Erasure.EraseAsync(db, person, HttpContext, clock, ct);
        TempData["Message"] = t["Personuppgifterna är raderade: {0} inbjudningar, {1} kontakter, {2} e-postmeddelanden, {3} fynd utan rapportör.",
            counts["Invitations"]!, counts["Contacts"]!, counts["Mails"]!, counts["Findings"]!].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<PersonalData> FindAsync(string email, CancellationToken ct) =>
        await PersonalData.FindAsync(db, email, User.IsInRole(Roles.Administrator) ? null : await scope.AllowedIdsAsync(ct), ct);
}

public sealed record PersonalDataPage(string? Email, PersonalData? Person, string? Error = null);
