namespace DialogPlanner.Web.Features.Promises;

public enum PledgeStatus
{
    /// <summary>The target is reached.</summary>
    Kept,
    /// <summary>Every missing event is on the calendar.</summary>
    OnTrack,
    /// <summary>Not all missing events are planned yet, but the year still has room for them.</summary>
    AtRisk,
    /// <summary>Fewer events held or planned than the share of the year gone by asks for, or the year is over.</summary>
    Behind,
    /// <summary>A pledge without a count: its status is set by hand.</summary>
    Manual,
}

/// <summary>Where a countable pledge stands on a given day.</summary>
public sealed record PledgeProgress(int Target, bool TargetIsMinimum, int Held, int Scheduled, PledgeStatus Status, int MonthsLeft)
{
    /// <summary>
    /// The status rule. <paramref name="held"/> counts events marked held (or activities done);
    /// <paramref name="scheduled"/> counts scheduled events still ahead. A scheduled event whose
    /// time has passed counts as neither until the organiser marks it held.
    /// </summary>
    public static PledgeProgress Compute(int target, bool isMinimum, int held, int scheduled, int year, DateOnly today)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var monthsLeft = today > end ? 0 : today < start ? 12 : 12 - today.Month + 1;
        var status = Rule(target, held, scheduled, start, end, today);
        return new PledgeProgress(target, isMinimum, held, scheduled, status, monthsLeft);
    }

    private static PledgeStatus Rule(int target, int held, int scheduled, DateOnly start, DateOnly end, DateOnly today)
    {
        if (held >= target) return PledgeStatus.Kept;
        if (today > end) return PledgeStatus.Behind;
        if (held + scheduled >= target) return PledgeStatus.OnTrack;
        var elapsed = today < start ? 0 : (today.DayNumber - start.DayNumber) / (double)(end.DayNumber - start.DayNumber + 1);
        var dueByNow = (int)Math.Floor(target * elapsed);
        return held + scheduled < dueByNow ? PledgeStatus.Behind : PledgeStatus.AtRisk;
    }
}
