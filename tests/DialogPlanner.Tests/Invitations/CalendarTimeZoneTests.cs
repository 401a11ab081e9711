using System.Globalization;
using DialogPlanner.Tests.Infrastructure;

namespace DialogPlanner.Tests.Invitations;

/// <summary>Times go out as Stockholm wall-clock times with a full VTIMEZONE, so no client shows them an hour off (docs/icalendar-rules.md, rule 10).</summary>
public sealed class CalendarTimeZoneTests
{
    [Fact]
    public void OnTheDaySummerTimeStarts_TenInStockholm_IsEightUtc()
    {
        var ics = Sample.Ics(Sample.Walk());
        Assert.Equal("DTSTART;TZID=Europe/Stockholm:20260329T100000", Sample.Line(ics, "DTSTART"));
        Assert.Equal("DTEND;TZID=Europe/Stockholm:20260329T120000", Sample.Line(ics, "DTEND"));
        var parsed = Sample.Parse(ics).Events.Single();
        Assert.Equal(new DateTime(2026, 3, 29, 8, 0, 0, DateTimeKind.Utc), parsed.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2026, 3, 29, 10, 0, 0, DateTimeKind.Utc), parsed.DtEnd!.AsUtc);
    }

    [Fact]
    public void InWinter_TenInStockholm_IsNineUtc()
    {
        var ev = Sample.Walk();
        (ev.StartsAtUtc, ev.EndsAtUtc) = (TestData.Stockholm(2026, 11, 12, 18), TestData.Stockholm(2026, 11, 12, 20));
        var ics = Sample.Ics(ev);
        Assert.Equal("DTSTART;TZID=Europe/Stockholm:20261112T180000", Sample.Line(ics, "DTSTART"));
        Assert.Equal(new DateTime(2026, 11, 12, 17, 0, 0, DateTimeKind.Utc), Sample.Parse(ics).Events.Single().DtStart!.AsUtc);
    }

    [Fact]
    public void AnEventYearsAhead_GetsTheZoneRules_AndItsSummerTime()
    {
        var ev = Sample.Walk();
        (ev.StartsAtUtc, ev.EndsAtUtc) = (TestData.Stockholm(2031, 6, 12, 18), TestData.Stockholm(2031, 6, 12, 20));
        var ics = Sample.Ics(ev, now: DateTime.UtcNow);

        Assert.Equal("DTSTART;TZID=Europe/Stockholm:20310612T180000", Sample.Line(ics, "DTSTART"));
        Assert.Equal("TZOFFSETTO:+0200", Sample.Line(ics, "TZOFFSETTO", "DAYLIGHT"));
        Assert.Equal(new DateTime(2031, 6, 12, 16, 0, 0, DateTimeKind.Utc), Sample.Parse(ics).Events.Single().DtStart!.AsUtc);
    }

    [Fact]
    public void TheZone_IsDefined_WithStandardAndDaylightRules()
    {
        var zone = Assert.Single(Sample.Parse(Sample.Ics(Sample.Walk())).TimeZones);
        Assert.Equal("Europe/Stockholm", zone.TzId);
        // Ical.Net's child list fails when read by index (as LINQ's Select does), so it is enumerated.
        var blocks = new List<string?>();
        foreach (var child in zone.Children) blocks.Add(child.Name);
        Assert.Equal(["DAYLIGHT", "STANDARD"], blocks.Order());
        var ics = Sample.Ics(Sample.Walk());
        Assert.Equal("TZOFFSETTO:+0100", Sample.Line(ics, "TZOFFSETTO", "STANDARD"));
        Assert.Equal("TZOFFSETTO:+0200", Sample.Line(ics, "TZOFFSETTO", "DAYLIGHT"));
    }

    [Fact]
    public void UnderSwedishCulture_TheZoneRules_KeepAPlainMinusSign()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("sv-SE");
            var ics = Sample.Ics(Sample.Walk());
            Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", Sample.Lines(ics));
            Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", Sample.Lines(ics));
            Assert.Equal(CultureInfo.GetCultureInfo("sv-SE"), CultureInfo.CurrentCulture);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
