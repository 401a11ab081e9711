using System.Globalization;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>What safety walks brought up: findings, and the distinct follow-up tasks made of them.</summary>
public sealed record WalkFigures(int Findings, int Tasks, int TasksDone);

/// <summary>
/// The year-end uppföljning: the dashboard's overview plus what the held safety walks brought up,
/// shared by the report page and its CSV so both show the same figures.
/// </summary>
public sealed class FollowUpReport
{
    private sealed record FindingLink(int EventId, int? TaskId, FollowUpStatus? FollowUpStatus);

    private readonly ILookup<int, FindingLink> _findingsByEvent;

    private FollowUpReport(PromiseOverview overview, ILookup<int, FindingLink> findingsByEvent)
    {
        Overview = overview;
        _findingsByEvent = findingsByEvent;
    }

    public PromiseOverview Overview { get; }

    public int Measurable => Overview.AllPledges.Count(r => r.Progress is not null);
    public int MeasurableKept => Overview.AllPledges.Count(r => r.Status == PledgeStatus.Kept);

    public static async Task<FollowUpReport> LoadAsync(AppDbContext db, PromiseOverview overview, CancellationToken ct = default)
    {
        var walkIds = overview.AllPledges.SelectMany(r => r.Held).Where(e => e.Type == EventType.SafetyWalk).Select(e => e.Id).ToList();
        // A finding an organiser removed counts nowhere.
        var links = await db.Findings.AsNoTracking().Where(f => walkIds.Contains(f.EventId) && f.RemovedAtUtc == null)
            .Select(f => new FindingLink(f.EventId, f.FollowUpTaskId, f.FollowUpTask == null ? null : f.FollowUpTask.Status))
            .ToListAsync(ct);
        return new FollowUpReport(overview, links.ToLookup(l => l.EventId));
    }

    /// <summary>The figures of one held safety walk.</summary>
    public WalkFigures WalkOf(Event walk) => Figures(_findingsByEvent[walk.Id]);

    /// <summary>
    /// The figures of all held walks of a pledge, a task merged from findings of two walks counted once;
    /// null when the pledge has nothing to do with walks, so a meeting pledge shows no zero findings.
    /// </summary>
    public WalkFigures? WalksOf(PledgeRow row)
    {
        var walks = row.Held.Where(e => e.Type == EventType.SafetyWalk).ToList();
        if (walks.Count == 0 && row.Pledge.EventType != EventType.SafetyWalk) return null;
        return Figures(walks.SelectMany(w => _findingsByEvent[w.Id]));
    }

    private static WalkFigures Figures(IEnumerable<FindingLink> findings)
    {
        var list = findings.ToList();
        var tasks = list.Where(f => f.TaskId is not null).DistinctBy(f => f.TaskId).ToList();
        return new WalkFigures(list.Count, tasks.Count, tasks.Count(f => f.FollowUpStatus == FollowUpStatus.Done));
    }

    /// <summary>The Swedish text of the status a pledge shows, the manual one for pledges without a count.</summary>
    /// <summary>The event's day in Stockholm, in the Swedish (ISO) form whatever the UI language.</summary>
    public static string DateOf(Event e) =>
        StockholmTime.FromUtc(e.StartsAtUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static int Attendance(PledgeRow row) => row.Held.Sum(e => e.AttendanceCount ?? 0);
}
