using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>The walk protocol for organisers: on screen, printable, as CSV, and published for residents.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("walks/{id:int}/protocol")]
public sealed class ProtocolController(
    AppDbContext db, MunicipalityScope scope, TimeProvider clock, WalkFeedback feedback, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Show(int id)
    {
        var protocol = await LoadAsync(id);
        return protocol is null ? NotFound() : View(new ProtocolView(protocol, IsPublic: false));
    }

    [HttpGet("csv")]
    public async Task<IActionResult> Csv(int id)
    {
        var protocol = await LoadAsync(id);
        if (protocol is null) return NotFound();
        await AuditLog.RecordAsync(db, HttpContext, clock, AuditAction.Exported, "Protocol", $"{id}", protocol.Walk.MunicipalityId);
        return File(ProtocolCsv.Write(protocol, t), SwedishCsv.ContentType, $"protokoll-{protocol.Walk.Municipality.Slug}-{protocol.Walk.Id}.csv");
    }

    [HttpPost("publish")]
    public async Task<IActionResult> Publish(int id, bool publish)
    {
        var ids = await scope.AllowedIdsAsync();
        var walk = await db.Events.SingleOrDefaultAsync(e => e.Id == id && ids.Contains(e.MunicipalityId));
        if (walk is null) return NotFound();
        walk.ProtocolPublishedAtUtc = publish ? walk.ProtocolPublishedAtUtc ?? clock.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync();
        TempData["Message"] = (publish ? t["Protokollet är publicerat."] : t["Protokollet är inte längre publicerat."]).Value;
        // Feedback that was due but waited for a protocol to link to goes out now.
        if (publish && await feedback.SendIfDueAsync([id], StockholmTime.Today(clock)) > 0)
            TempData["Message"] = t["Protokollet är publicerat och återkopplingen har skickats till deltagarna."].Value;
        return RedirectToAction(nameof(Show), new { id });
    }

    private async Task<WalkProtocol?> LoadAsync(int id)
    {
        var protocol = await WalkProtocol.LoadAsync(db, id);
        return protocol is not null && await scope.AllowsAsync(protocol.Walk.MunicipalityId) ? protocol : null;
    }
}

public sealed record ProtocolView(WalkProtocol Protocol, bool IsPublic);

public static class ProtocolCsv
{
    public static byte[] Write(WalkProtocol protocol, IStringLocalizer t) => SwedishCsv.Write(
        [t["Nr"], t["Kategori"], t["Iakttagelse"], t["Plats"], t["Åtgärd"], t["Ansvarig organisation"], t["Status"], t["Resultat"]],
        protocol.Items.Select((item, index) => new[]
        {
            (index + 1).ToString(), t[EnumTexts.Of(item.Finding.Category)].Value, item.Finding.Description, item.Finding.Place ?? "",
            item.Task?.Title ?? "", item.Task?.ResponsibleOrganisation.Name ?? "", StatusText(item, t),
            item.Task?.Resolution ?? item.Finding.NoActionReason ?? "",
        }));

    /// <summary>The status words of a finding, shared by the protocol page, its CSV and the feedback e-mail.</summary>
    public static string StatusText(ProtocolItem item, IStringLocalizer t) =>
        item.Task is { } task ? t[EnumTexts.Of(task.Status)] : item.Finding.Triage == FindingTriage.NoAction ? t["Ingen åtgärd"] : t["Ej behandlad"];
}
