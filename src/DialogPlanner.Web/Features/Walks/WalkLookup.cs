using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Municipalities;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>Which events are walks, and how an organiser's page finds one: only in their own municipalities.</summary>
public static class WalkLookup
{
    /// <summary>Walk types that have routes and findings.</summary>
    public static readonly EventType[] Types = [EventType.SafetyWalk, EventType.FarmWalk];

    /// <summary>The walk, or null when it is not a walk or belongs to a municipality the user does not work for (a 404, not a 403).</summary>
    public static async Task<Event?> OwnWalkAsync(this IQueryable<Event> events, MunicipalityScope scope, int id)
    {
        var ids = await scope.AllowedIdsAsync();
        return await events.SingleOrDefaultAsync(e => e.Id == id && ids.Contains(e.MunicipalityId) && Types.Contains(e.Type));
    }
}
