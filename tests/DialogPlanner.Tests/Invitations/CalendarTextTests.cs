using System.Text;
using DialogPlanner.Web.Features.Invitations;

namespace DialogPlanner.Tests.Invitations;

/// <summary>The .ics text itself: CRLF lines of at most 75 octets that unfold to exactly what was meant (docs/icalendar-rules.md, rules 2, 3).</summary>
public sealed class CalendarTextTests
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    [Fact]
    public void EveryLine_EndsInCrLf_AndHasAtMost75Octets()
    {
        var ev = Sample.Walk();
        ev.Description = string.Concat(Enumerable.Repeat("Lång beskrivning med åäö och 🚶 ", 20));
        var ics = Sample.Ics(ev);
        Assert.EndsWith("\r\n", ics);
        Assert.DoesNotMatch("[^\r]\n|\r[^\n]", ics);
        Assert.All(ics.Split("\r\n"), line => Assert.InRange(StrictUtf8.GetByteCount(line), 0, 75));
        Assert.Contains(ics.Split("\r\n"), line => line.StartsWith(' '));
    }

    /// <summary>Ical.Net 5.2.4 alone folds between the halves of an emoji at some of these lengths.</summary>
    [Theory]
    [InlineData("🚶")]
    [InlineData("å")]
    [InlineData("aö🚶")]
    [InlineData("å🚶")]
    [InlineData("Trygghetsvandring 🔦 ä")]
    [InlineData("👩‍👩‍👧")]
    public void Summaries_OfEveryLength_UnfoldToTheSameBytes(string unit)
    {
        for (var length = 1; length <= 120; length++)
        {
            var summary = new StringBuilder();
            while (summary.Length < length) summary.Append(unit);
            var ev = Sample.Walk();
            ev.Title = summary.ToString();

            var bytes = StrictUtf8.GetBytes(Sample.Ics(ev)); // throws on a split surrogate pair
            var lines = StrictUtf8.GetString(bytes).Split("\r\n");
            Assert.All(lines, line => Assert.True(StrictUtf8.GetByteCount(line) <= 75, $"length {length}: {line}"));
            var unfolded = Sample.Lines(StrictUtf8.GetString(bytes));
            Assert.Equal(StrictUtf8.GetBytes("SUMMARY:" + ev.Title), StrictUtf8.GetBytes(Assert.Single(unfolded, l => l.StartsWith("SUMMARY:"))));
            Assert.Equal(ev.Title, Sample.Parse(StrictUtf8.GetString(bytes)).Events.Single().Summary);
        }
    }

    [Fact]
    public void Text_EscapesBackslashSemicolonCommaAndNewline()
    {
        var ev = Sample.Walk();
        ev.Title = @"Möte; centrum, C:\kartor";
        ev.Description = "Rad ett\r\nRad två";
        var ics = Sample.Ics(ev);
        Assert.Equal(@"SUMMARY:Möte\; centrum\, C:\\kartor", Sample.Line(ics, "SUMMARY"));
        Assert.Equal(@"DESCRIPTION:Rad ett\nRad två", Sample.Line(ics, "DESCRIPTION"));
        var parsed = Sample.Parse(ics).Events.Single();
        Assert.Equal((ev.Title, "Rad ett\nRad två"), (parsed.Summary, parsed.Description));
    }

    [Fact]
    public void ANameWithCommaAndColon_IsQuoted_AndRoundTrips()
    {
        var attendee = new CalendarPerson("asa@example.org", "Åsa Ö, Testsson: ordf.; styrelsen");
        var ics = CalendarBuilder.Build(Sample.Walk(), CalendarMethod.Request, Sample.Organizer, [attendee], Sample.EventUrl, Sample.Now);
        Assert.StartsWith("ATTENDEE;CN=\"Åsa Ö, Testsson: ordf.; styrelsen\";", Sample.Line(ics, "ATTENDEE"));
        Assert.Equal(attendee.Name, Sample.Parse(ics).Events.Single().Attendees.Single().CommonName);
    }

    /// <summary>Ical.Net writes these into the parameter as they are, which ends the line or the quoted value.</summary>
    [Fact]
    public void ANameWithQuotesOrLineBreaks_CannotBreakTheLine()
    {
        var attendee = new CalendarPerson("asa@example.org", "Åsa \"Ankan\"\r\nTestsson");
        var ics = CalendarBuilder.Build(Sample.Walk(), CalendarMethod.Request, Sample.Organizer, [attendee], Sample.EventUrl, Sample.Now);
        Assert.Equal("Åsa 'Ankan' Testsson", Sample.Parse(ics).Events.Single().Attendees.Single().CommonName);
        Assert.EndsWith(":mailto:asa@example.org", Sample.Line(ics, "ATTENDEE"));
    }
}
