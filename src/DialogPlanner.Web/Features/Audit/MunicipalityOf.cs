using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Promises;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace DialogPlanner.Web.Features.Audit;

/// <summary>
/// The municipality an audited row belongs to, so that organisers can read their part of the log. Rows that carry
/// no MunicipalityId of their own reach it through their event or their promise: one query per kind for the save.
/// </summary>
internal sealed class MunicipalityOf
{
    private readonly Dictionary<int, int> _byEvent = [];
    private readonly Dictionary<int, int> _byPromise = [];
    private readonly Dictionary<int, int> _byFocusArea = [];

    public MunicipalityOf(DbContext context, IEnumerable<EntityEntry> entries)
    {
        var list = entries.ToList();
        var eventIds = list.Select(e => IntOf(e, "EventId")).OfType<int>().Distinct().ToList();
        var promiseIds = list.Select(e => IntOf(e, "CitizenPromiseId")).OfType<int>().Distinct().ToList();
        var areaIds = list.Select(e => IntOf(e, "FocusAreaId")).OfType<int>().Distinct().ToList();
        if (eventIds.Count > 0)
            _byEvent = context.Set<Event>().AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionary(e => e.Id, e => e.MunicipalityId);
        if (promiseIds.Count > 0)
            _byPromise = context.Set<CitizenPromise>().AsNoTracking().Where(p => promiseIds.Contains(p.Id)).ToDictionary(p => p.Id, p => p.MunicipalityId);
        if (areaIds.Count > 0)
            _byFocusArea = context.Set<FocusArea>().AsNoTracking().Where(a => areaIds.Contains(a.Id))
                .Select(a => new { a.Id, a.CitizenPromise.MunicipalityId }).ToDictionary(a => a.Id, a => a.MunicipalityId);
    }

    public int? Of(EntityEntry entry)
    {
        if (IntOf(entry, "MunicipalityId") is { } own) return own;
        if (entry.Entity is Municipalities.Municipality m) return m.Id;
        if (IntOf(entry, "MunicipalitiesId") is { } member) return member; // a user's membership of a municipality
        if (IntOf(entry, "EventId") is { } eventId && _byEvent.TryGetValue(eventId, out var viaEvent)) return viaEvent;
        if (IntOf(entry, "CitizenPromiseId") is { } promiseId && _byPromise.TryGetValue(promiseId, out var viaPromise)) return viaPromise;
        if (IntOf(entry, "FocusAreaId") is { } areaId && _byFocusArea.TryGetValue(areaId, out var viaArea)) return viaArea;
        return null;
    }

    private static int? IntOf(EntityEntry entry, string name) =>
        entry.Metadata.FindProperty(name) is null ? null : entry.Property(name).CurrentValue as int?;
}
