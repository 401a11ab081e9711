using System.Security.Claims;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Tasks;

/// <summary>
/// Which tasks the signed-in user may see: organisers those of their municipalities, task owners only
/// those of their own organisation. Every task query starts here.
/// </summary>
public sealed class TaskAccess(AppDbContext db, MunicipalityScope scope, IHttpContextAccessor http)
{
    public async Task<IQueryable<FollowUpTask>> VisibleAsync()
    {
        var user = http.HttpContext!.User;
        if (user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Organiser))
        {
            var ids = await scope.AllowedIdsAsync();
            return db.FollowUpTasks.Where(t => ids.Contains(t.MunicipalityId));
        }
        if (user.IsInRole(Roles.TaskOwner))
        {
            var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var organisationId = await db.Users.Where(u => u.Id == userId).Select(u => u.OrganisationId).SingleOrDefaultAsync();
            if (organisationId is not null) return db.FollowUpTasks.Where(t => t.ResponsibleOrganisationId == organisationId);
        }
        return db.FollowUpTasks.Where(_ => false);
    }
}
