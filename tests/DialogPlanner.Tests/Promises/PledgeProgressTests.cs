using DialogPlanner.Web.Features.Promises;

namespace DialogPlanner.Tests.Promises;

public sealed class PledgeProgressTests
{
    private static PledgeStatus Status(int target, int held, int scheduled, string today, bool isMinimum = false) =>
        PledgeProgress.Compute(target, isMinimum, held, scheduled, 2024, DateOnly.Parse(today)).Status;

    [Fact]
    public void TheIssuesExample_TwoPromised_NoneHeld_OneScheduled_FourMonthsLeft_IsAtRisk()
    {
        var progress = PledgeProgress.Compute(2, false, 0, 1, 2024, new DateOnly(2024, 9, 1));
        Assert.Equal((PledgeStatus.AtRisk, 4), (progress.Status, progress.MonthsLeft));
    }

    [Fact]
    public void StartOfYear_NothingPlanned_IsAtRisk_NotBehind()
    {
        Assert.Equal(PledgeStatus.AtRisk, Status(2, 0, 0, "2024-01-01"));
        Assert.Equal(12, PledgeProgress.Compute(2, false, 0, 0, 2024, new DateOnly(2024, 1, 1)).MonthsLeft);
    }

    [Fact]
    public void StartOfYear_AllPlanned_IsOnTrack() => Assert.Equal(PledgeStatus.OnTrack, Status(2, 0, 2, "2024-01-01"));

    [Fact]
    public void HalfYearGone_NothingHeldOrPlanned_OfTwo_IsBehind()
    {
        Assert.Equal(PledgeStatus.AtRisk, Status(2, 0, 0, "2024-07-01"));  // 49.7 % of the year: 0 due
        Assert.Equal(PledgeStatus.Behind, Status(2, 0, 0, "2024-07-02"));  // 50 %: 1 due
    }

    [Fact]
    public void AfterTheLastScheduledEvent_NotMarkedHeld_TheStatusDrops()
    {
        // Both walks were scheduled; the autumn one has passed but nobody marked it held, so it counts as neither.
        Assert.Equal(PledgeStatus.OnTrack, Status(2, 1, 1, "2024-10-13"));
        Assert.Equal(PledgeStatus.AtRisk, Status(2, 1, 0, "2024-10-15"));
        Assert.Equal(PledgeStatus.Behind, Status(2, 1, 0, "2025-01-01"));
        Assert.Equal(PledgeStatus.Kept, Status(2, 2, 0, "2024-10-15"));
    }

    [Fact]
    public void TargetMetEarly_IsKept_AndStaysKept()
    {
        Assert.Equal(PledgeStatus.Kept, Status(1, 1, 0, "2024-02-10"));
        Assert.Equal(PledgeStatus.Kept, Status(2, 3, 0, "2024-06-01"));
        Assert.Equal(PledgeStatus.Kept, Status(1, 1, 0, "2025-01-15"));
    }

    [Fact]
    public void AtLeastOne_IsKeptByOne_AndMoreChangesNothing()
    {
        Assert.Equal(PledgeStatus.AtRisk, Status(1, 0, 0, "2024-03-01", isMinimum: true));
        Assert.Equal(PledgeStatus.Kept, Status(1, 1, 0, "2024-03-01", isMinimum: true));
        Assert.Equal(PledgeStatus.Kept, Status(1, 4, 2, "2024-03-01", isMinimum: true));
    }

    [Fact]
    public void YearOver_TargetMissed_IsBehind_WithNoMonthsLeft()
    {
        var progress = PledgeProgress.Compute(12, false, 11, 0, 2024, new DateOnly(2025, 1, 1));
        Assert.Equal((PledgeStatus.Behind, 0), (progress.Status, progress.MonthsLeft));
    }

    [Fact]
    public void MonthlyActivity_KeepingPace_IsAtRisk_FallingBehind_IsBehind()
    {
        Assert.Equal(PledgeStatus.AtRisk, Status(12, 5, 0, "2024-06-01")); // 41.8 % of 12 = 5 due
        Assert.Equal(PledgeStatus.Behind, Status(12, 3, 0, "2024-06-01"));
    }
}
