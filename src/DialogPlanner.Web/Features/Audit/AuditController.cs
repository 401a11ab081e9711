using System.Globalization;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Audit;

/// <summary>
/// The audit log: administrators read all of it, organisers the entries of their municipalities. Filters by user,
/// entity, action and date, 50 entries a page, and the same selection as CSV (which is itself logged).
/// </summary>
[Authorize(Policy = IdentitySetup.OrganiserPolicy)]
[Route("audit")]
public sealed class AuditController(AppDbContext db, MunicipalityScope scope, TimeProvider clock, IStringLocalizer<SharedResource> t) : Controller
{
    public const int PageSize = 50;
    private const int CsvLimit = 100_000;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter, CancellationToken ct)
    {
        var query = await FilteredAsync(filter, ct);
        var total = await query.CountAsync(ct);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await Rows(query.Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(ct);
        var users = await UsersShownAsync(ct);
        return View(new AuditPage(filter with { Page = page }, rows, total, users));
    }

    [HttpGet("csv")]
    public async Task<IActionResult> Csv([FromQuery] AuditFilter filter, CancellationToken ct)
    {
        var rows = await Rows((await FilteredAsync(filter, ct)).Take(CsvLimit)).ToListAsync(ct);
        await AuditLog.RecordAsync(db, HttpContext, clock, AuditAction.Exported, "AuditLog", "csv");
        var csv = SwedishCsv.Write(
            [t["Tid"], t["Vem"], t["Inbjudan"], t["Kommun"], t["Vad"], t["Id"], t["Händelse"], t["Ändringar"]],
            rows.Select(r => new[]
            {
                StockholmTime.FromUtc(r.AtUtc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.UserEmail ?? r.UserId ?? "",
                r.InvitationId?.ToString(CultureInfo.InvariantCulture) ?? "", r.Municipality ?? "", r.Entity, r.EntityId,
                t[EnumTexts.Of(r.Action)].Value, r.Changes ?? "",
            }));
        return File(csv, SwedishCsv.ContentType, $"granskningslogg-{StockholmTime.Today(clock):yyyy-MM-dd}.csv");
    }

    /// <summary>Who can be picked in the user filter: everyone for administrators, the members of their municipalities for organisers.</summary>
    private async Task<List<AuditUser>> UsersShownAsync(CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        if (!User.IsInRole(Roles.Administrator))
        {
            var ids = await scope.AllowedIdsAsync(ct);
            users = users.Where(u => u.Municipalities.Any(m => ids.Contains(m.Id)));
        }
        return await users.OrderBy(u => u.Email).Select(u => new AuditUser(u.Id, u.Email ?? u.Id)).ToListAsync(ct);
    }

    private async Task<IQueryable<AuditEntry>> FilteredAsync(AuditFilter filter, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!User.IsInRole(Roles.Administrator))
        {
            var ids = await scope.AllowedIdsAsync(ct);
            query = query.Where(e => e.MunicipalityId != null && ids.Contains(e.MunicipalityId.Value));
        }
        if (!string.IsNullOrEmpty(filter.User)) query = query.Where(e => e.UserId == filter.User);
        if (!string.IsNullOrEmpty(filter.Entity)) query = query.Where(e => e.Entity == filter.Entity);
        if (!string.IsNullOrEmpty(filter.EntityId)) query = query.Where(e => e.EntityId == filter.EntityId);
        if (filter.Action is { } action) query = query.Where(e => e.Action == action);
        if (filter.From is { } from)
        {
            var fromUtc = StockholmTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.AtUtc >= fromUtc);
        }
        if (filter.To is { } to)
        {
            var toUtc = StockholmTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.AtUtc < toUtc);
        }
        return query.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id);
    }

    private IQueryable<AuditRow> Rows(IQueryable<AuditEntry> entries) =>
        from e in entries
        join u in db.Users on e.UserId equals u.Id into byUser
        from u in byUser.DefaultIfEmpty()
        join m in db.Municipalities on e.MunicipalityId equals m.Id into byMunicipality
        from m in byMunicipality.DefaultIfEmpty()
        select new AuditRow(e.Id, e.AtUtc, e.UserId, u == null ? null : u.Email, e.InvitationId, m == null ? null : m.Name, e.Entity, e.EntityId, e.Action, e.Changes);
}

public sealed record AuditFilter(string? User = null, string? Entity = null, string? EntityId = null, AuditAction? Action = null, DateOnly? From = null, DateOnly? To = null, int Page = 1);

public sealed record AuditRow(
    long Id, DateTime AtUtc, string? UserId, string? UserEmail, int? InvitationId, string? Municipality, string Entity, string EntityId, AuditAction Action, string? Changes);

public sealed record AuditUser(string Id, string Email);

public sealed record AuditPage(AuditFilter Filter, List<AuditRow> Rows, int Total, List<AuditUser> Users)
{
    public int Pages => Math.Max(1, (Total + AuditController.PageSize - 1) / AuditController.PageSize);

    public static readonly string[] Entities =
        ["Event", "Invitation", "Promise", "FocusArea", "Pledge", "Finding", "Task", "Municipality", "Organisation", "Contact", "ContactGroup",
         "WalkStop", "Responsibility", "User", "UserRole", "Protocol", "Report", "AuditLog", "Person"];
}
