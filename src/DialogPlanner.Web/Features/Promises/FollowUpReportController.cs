using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>The year-end follow-up (uppföljning) of a promise: a printable page and the same as CSV.</summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("promises/{id:int}")]
public sealed class FollowUpReportController(
    AppDbContext db, MunicipalityScope scope, TimeProvider clock, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("report")]
    public async Task<IActionResult> Show(int id, CancellationToken ct)
    {
        var report = await LoadAllowedAsync(id, ct);
        return report is null ? NotFound() : View(report);
    }

    [HttpGet("report.csv")]
    public async Task<IActionResult> Csv(int id, CancellationToken ct)
    {
        var report = await LoadAllowedAsync(id, ct);
        if (report is null) return NotFound();
        await AuditLog.RecordAsync(db, HttpContext, clock, AuditAction.Exported, "Report", $"{id}", report.Overview.Promise.MunicipalityId);
        return File(FollowUpReportCsv.Write(report, t), SwedishCsv.ContentType, FollowUpReportCsv.FileName(report.Overview.Promise));
    }

    /// <summary>The report, or null when the promise does not exist or belongs to a municipality the user may not see.</summary>
    private async Task<FollowUpReport?> LoadAllowedAsync(int id, CancellationToken ct)
    {
        var overview = await PromiseOverview.LoadAsync(db, id, clock, ct);
        if (overview is null || !await scope.AllowsAsync(overview.Promise.MunicipalityId, ct)) return null;
        return await FollowUpReport.LoadAsync(db, overview, ct);
    }
}
