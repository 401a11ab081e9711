using DialogPlanner.Web;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Promises.Planning;

namespace DialogPlanner.Tests.Promises;

public sealed class DateProposerTests
{
    private const double Lat = 56.833, Lon = 13.9408; // Ljungby

    [Fact]
    public void TwoDialogueMeetings_FromNewYear_AreSpreadOverTheYear_OnGoodWeekdayEvenings()
    {
        var proposals = DateProposer.Propose(EventType.DialogueMeeting, 2, 2027, new DateOnly(2027, 1, 1), Lat, Lon);

        Assert.Equal(2, proposals.Count);
        Assert.True(proposals[0].Start.Month <= 6 && proposals[1].Start.Month >= 7, $"{proposals[0].Start} {proposals[1].Start}");
        foreach (var p in proposals) AssertGoodDay(p.Start);
        Assert.All(proposals, p => Assert.Equal((18, 20), (p.Start.Hour, p.End.Hour)));
    }

    [Fact]
    public void SafetyWalks_AreInSpringOrAutumn_AndStartAfterDark()
    {
        var proposals = DateProposer.Propose(EventType.SafetyWalk, 2, 2027, new DateOnly(2027, 1, 1), Lat, Lon);

        Assert.Equal(2, proposals.Count);
        foreach (var p in proposals)
        {
            AssertGoodDay(p.Start);
            Assert.False(p.Start.Month is 6 or 7 or 8, p.Start.ToString("u"));
            Assert.NotNull(p.Sunset);
            Assert.True(p.Start >= p.Sunset!.Value.AddMinutes(30), $"{p.Start:t} is not half an hour after sunset {p.Sunset:t}");
            Assert.True(p.Start.TimeOfDay <= new TimeSpan(21, 0, 0));
            Assert.False(DateProposer.StartsInDaylight(StockholmTime.ToUtc(p.Start), Lat, Lon));
        }
    }

    [Fact]
    public void LandlordMeeting_IsInOfficeHours_AndNotBeforeTwoWeeksFromToday()
    {
        var today = new DateOnly(2027, 6, 20);
        var proposal = Assert.Single(DateProposer.Propose(EventType.LandlordMeeting, 1, 2027, today, Lat, Lon));
        Assert.Equal(9, proposal.Start.Hour);
        Assert.True(DateOnly.FromDateTime(proposal.Start) >= today.AddDays(14));
        AssertGoodDay(proposal.Start);
    }

    [Fact]
    public void NothingMissing_OrYearOver_ProposesNothing()
    {
        Assert.Empty(DateProposer.Propose(EventType.DialogueMeeting, 0, 2027, new DateOnly(2027, 1, 1), Lat, Lon));
        Assert.Empty(DateProposer.Propose(EventType.DialogueMeeting, 2, 2027, new DateOnly(2027, 12, 10), Lat, Lon));
    }

    [Fact]
    public void StartsInDaylight_WarnsForAWalkAtFiveInMay_NotAtEightInNovember()
    {
        Assert.True(DateProposer.StartsInDaylight(StockholmTime.ToUtc(new DateTime(2027, 5, 12, 17, 0, 0)), Lat, Lon));
        Assert.False(DateProposer.StartsInDaylight(StockholmTime.ToUtc(new DateTime(2027, 11, 10, 20, 0, 0)), Lat, Lon));
    }

    private static void AssertGoodDay(DateTime start)
    {
        var day = DateOnly.FromDateTime(start);
        Assert.Contains(day.DayOfWeek, new[] { DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday });
        Assert.NotEqual(7, day.Month);
        Assert.Null(SwedishHolidays.NameOf(day));
        Assert.Null(SwedishHolidays.NameOf(day.AddDays(1)));
    }
}
