using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>One pledge with its figures for the year: what the dashboard, the report and the public page show.</summary>
public sealed record PledgeRow(Pledge Pledge, PledgeProgress? Progress, IReadOnlyList<Event> Events)
{
    /// <summary>The status shown: computed for countable pledges, set by hand for the rest.</summary>
    public PledgeStatus Status => Progress?.Status ?? PledgeStatus.Manual;
    /// <summary>The Swedish text of the status shown (the localisation key), and the CSS class that colours it.</summary>
    public string StatusText => Status == PledgeStatus.Manual ? EnumTexts.Of(Pledge.ManualStatus) : EnumTexts.Of(Status);
    public string StatusCss => Status == PledgeStatus.Manual
        ? "manual-" + Pledge.ManualStatus.ToString().ToLowerInvariant()
        : Status.ToString().ToLowerInvariant();
    public IEnumerable<Event> Held => Events.Where(e => e.Status == EventStatus.Held);
    /// <summary>Scheduled events whose time has passed without being marked held.</summary>
    public int AwaitingMarking { get; init; }
}

public sealed record FocusAreaRows(FocusArea Area, IReadOnlyList<PledgeRow> Pledges);

public sealed record PromiseOverview(CitizenPromise Promise, IReadOnlyList<FocusAreaRows> Areas, DateOnly Today)
{
    public IEnumerable<PledgeRow> AllPledges => Areas.SelectMany(a => a.Pledges);

    /// <summary>Loads a promise with every pledge's events of the promise's year and computes each status as of now.</summary>
    public static async Task<PromiseOverview?> LoadAsync(AppDbContext db, int promiseId, TimeProvider clock, CancellationToken ct = default)
    {
        var promise = await db.CitizenPromises.AsNoTracking().Include(p => p.Municipality)
            .Include(p => p.FocusAreas).ThenInclude(f => f.Pledges)
            .SingleOrDefaultAsync(p => p.Id == promiseId, ct);
        if (promise is null) return null;

        var pledgeIds = promise.FocusAreas.SelectMany(f => f.Pledges).Select(p => p.Id).ToList();
        var yearStart = StockholmTime.ToUtc(new DateTime(promise.Year, 1, 1));
        var yearEnd = StockholmTime.ToUtc(new DateTime(promise.Year + 1, 1, 1));
        var events = await db.Events.AsNoTracking()
            .Where(e => e.PledgeId != null && pledgeIds.Contains(e.PledgeId.Value) && e.StartsAtUtc >= yearStart && e.StartsAtUtc < yearEnd)
            .OrderBy(e => e.StartsAtUtc).ToListAsync(ct);
        var byPledge = events.ToLookup(e => e.PledgeId!.Value);

        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var today = StockholmTime.DateOf(nowUtc);
        var areas = promise.FocusAreas.OrderBy(f => f.SortOrder).Select(area => new FocusAreaRows(area,
            area.Pledges.OrderBy(p => p.SortOrder).Select(pledge =>
            {
                var own = byPledge[pledge.Id].ToList();
                var awaiting = own.Count(e => e.Status == EventStatus.Scheduled && e.StartsAtUtc < nowUtc);
                PledgeProgress? progress = null;
                if (pledge.YearlyTarget is { } target)
                {
                    var held = pledge.EventType is null ? pledge.DoneCount ?? 0 : own.Count(e => e.Status == EventStatus.Held);
                    var ahead = own.Count(e => e.Status == EventStatus.Scheduled && e.StartsAtUtc >= nowUtc);
                    progress = PledgeProgress.Compute(target, pledge.TargetIsMinimum, held, ahead, promise.Year, today);
                }
                return new PledgeRow(pledge, progress, own) { AwaitingMarking = awaiting };
            }).ToList())).ToList();
        return new PromiseOverview(promise, areas, today);
    }
}
