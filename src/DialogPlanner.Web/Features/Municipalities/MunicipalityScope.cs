using System.Security.Claims;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Municipalities;

/// <summary>
/// Which municipalities the signed-in user may see. Administrators see all; organisers only those
/// they are members of. Every organiser query filters by <see cref="AllowedIdsAsync"/> or checks <see cref="AllowsAsync"/>.
/// </summary>
public sealed class MunicipalityScope(AppDbContext db, IHttpContextAccessor http)
{
    private IReadOnlyList<Municipality>? _allowed;

    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    public async Task<IReadOnlyList<Municipality>> AllowedAsync(CancellationToken ct = default)
    {
        if (_allowed is not null) return _allowed;
        if (User.IsInRole(Roles.Administrator))
            return _allowed = await db.Municipalities.AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || !User.IsInRole(Roles.Organiser)) return _allowed = [];
        return _allowed = await db.Users.Where(u => u.Id == userId)
            .SelectMany(u => u.Municipalities).AsNoTracking().OrderBy(m => m.Name).ToListAsync(ct);
    }

    public async Task<bool> AllowsAsync(int municipalityId, CancellationToken ct = default) =>
        (await AllowedAsync(ct)).Any(m => m.Id == municipalityId);

    public async Task<int[]> AllowedIdsAsync(CancellationToken ct = default) =>
        (await AllowedAsync(ct)).Select(m => m.Id).ToArray();
}
