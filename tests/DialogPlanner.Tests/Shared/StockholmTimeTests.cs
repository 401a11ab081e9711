using DialogPlanner.Web;

namespace DialogPlanner.Tests.Shared;

public sealed class StockholmTimeTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Theory]
    // Summer time (UTC+2): half past ten at night in UTC is already the next day in Stockholm.
    [InlineData("2026-06-30T22:30:00Z", "2026-07-01")]
    [InlineData("2026-06-30T21:59:00Z", "2026-06-30")]
    // Winter time (UTC+1), over the new year.
    [InlineData("2026-12-31T23:30:00Z", "2027-01-01")]
    [InlineData("2026-12-31T22:59:00Z", "2026-12-31")]
    public void Today_IsTheDateInStockholm(string utc, string expected)
    {
        var clock = new FixedClock(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), StockholmTime.Today(clock));
    }
}
