using System.Security.Claims;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Users;

/// <summary>
/// Who may manage which accounts. Administrators: everyone, every role. Organisers: task owners and walk participants
/// of their own municipalities (a task owner by their organisation's municipality, anyone by membership), and they
/// may grant only those two roles. Administrators and organisers are never in an organiser's reach, themselves included.
/// </summary>
public sealed class UserAccess(AppDbContext db, MunicipalityScope scope, IHttpContextAccessor http)
{
    private static readonly string[] OrganiserGrants = [Roles.TaskOwner, Roles.Participant];

    private ClaimsPrincipal User => http.HttpContext!.User;

    public bool IsAdministrator => User.IsInRole(Roles.Administrator);

    public string? CurrentUserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The roles the current user may give or take away.</summary>
    public IReadOnlyList<string> GrantableRoles => IsAdministrator ? Roles.All : OrganiserGrants;

    public Task<IReadOnlyList<Municipality>> MunicipalitiesAsync() => scope.AllowedAsync();

    public async Task<IQueryable<AppUser>> VisibleAsync()
    {
        if (IsAdministrator) return db.Users;
        var ids = await scope.AllowedIdsAsync();
        var privileged = db.Roles.Where(r => r.Name == Roles.Administrator || r.Name == Roles.Organiser).Select(r => r.Id);
        return db.Users.Where(u =>
            !db.UserRoles.Any(ur => ur.UserId == u.Id && privileged.Contains(ur.RoleId))
            && ((u.OrganisationId != null && ids.Contains(u.Organisation!.MunicipalityId)) || u.Municipalities.Any(m => ids.Contains(m.Id))));
    }

    /// <summary>The user with their municipalities, when the current user may manage them; otherwise null (shown as 404).</summary>
    public async Task<AppUser?> FindAsync(string id) =>
        await (await VisibleAsync()).Include(u => u.Municipalities).Include(u => u.Organisation).SingleOrDefaultAsync(u => u.Id == id);

    /// <summary>Whether the current user may put someone in this organisation (one of their municipalities').</summary>
    public async Task<bool> AllowsOrganisationAsync(int organisationId)
    {
        var ids = await scope.AllowedIdsAsync();
        return await db.Organisations.AnyAsync(o => o.Id == organisationId && ids.Contains(o.MunicipalityId));
    }
}
