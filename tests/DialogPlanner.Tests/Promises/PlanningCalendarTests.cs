using DialogPlanner.Web;
using DialogPlanner.Web.Features.Promises.Planning;

namespace DialogPlanner.Tests.Promises;

public sealed class PlanningCalendarTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2019, 4, 21)]
    [InlineData(2038, 4, 25)]
    public void EasterSunday_MatchesTheChurchCalendar(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), SwedishHolidays.EasterSunday(year));

    [Theory]
    [InlineData("2024-06-21", "Midsommarafton")]
    [InlineData("2025-06-20", "Midsommarafton")]
    [InlineData("2026-06-19", "Midsommarafton")]
    [InlineData("2026-06-20", "Midsommardagen")]
    [InlineData("2024-03-29", "Långfredagen")]
    [InlineData("2024-05-09", "Kristi himmelsfärdsdag")]
    [InlineData("2024-05-19", "Pingstdagen")]
    [InlineData("2024-11-02", "Alla helgons dag")]
    [InlineData("2025-11-01", "Alla helgons dag")]
    [InlineData("2026-06-06", "Sveriges nationaldag")]
    [InlineData("2026-12-24", "Julafton")]
    public void Holidays_FallOnTheirKnownDates(string date, string name) =>
        Assert.Equal(name, SwedishHolidays.NameOf(DateOnly.Parse(date)));

    [Fact]
    public void OrdinaryDays_AreNotHolidays()
    {
        Assert.Null(SwedishHolidays.NameOf(new DateOnly(2024, 6, 20)));
        Assert.Null(SwedishHolidays.NameOf(new DateOnly(2024, 11, 1)));
        Assert.Equal(18, SwedishHolidays.For(2026).Count);
    }

    // Published values. Ljungby (56.833 N, 13.941 E): newsworthy.se's almanac article "På söndag går
    // solen upp före klockan sju i Ljungby" gave Sunday 2026-03-01 sunrise 6.57, sunset 17.37, and a
    // week later sunrise 6.39, sunset 17.52. Stockholm (59.329 N, 18.069 E): the almanac's midsummer
    // and midwinter sunsets 2024, 22.08 and 14.48.
    [Theory]
    [InlineData(56.833, 13.9408, "2026-03-01", 6, 57, 17, 37)]
    [InlineData(56.833, 13.9408, "2026-03-08", 6, 39, 17, 52)]
    [InlineData(59.3293, 18.0686, "2024-06-21", null, null, 22, 8)]
    [InlineData(59.3293, 18.0686, "2024-12-21", null, null, 14, 48)]
    public void SunriseAndSunset_AreWithinTwoMinutesOfPublishedValues(
        double latitude, double longitude, string date, int? riseHour, int? riseMinute, int setHour, int setMinute)
    {
        var day = DateOnly.Parse(date);
        var sunset = StockholmTime.FromUtc(Sun.SunsetUtc(day, latitude, longitude)!.Value);
        Assert.InRange((sunset - day.ToDateTime(new TimeOnly(setHour, setMinute))).TotalMinutes, -2, 2);
        if (riseHour is null) return;
        var sunrise = StockholmTime.FromUtc(Sun.SunriseUtc(day, latitude, longitude)!.Value);
        Assert.InRange((sunrise - day.ToDateTime(new TimeOnly(riseHour.Value, riseMinute!.Value))).TotalMinutes, -2, 2);
    }

    [Fact]
    public void Sun_NorthOfThePolarCircle_AtMidsummer_DoesNotSet() =>
        Assert.Null(Sun.SunsetUtc(new DateOnly(2024, 6, 21), 67.8558, 20.2253)); // Kiruna
}
