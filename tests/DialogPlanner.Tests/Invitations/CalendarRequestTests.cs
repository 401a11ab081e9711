using DialogPlanner.Web.Features.Invitations;

namespace DialogPlanner.Tests.Invitations;

/// <summary>The REQUEST that puts an event in the invitee's calendar with Accept/Decline (docs/icalendar-rules.md, rules 1, 4–8).</summary>
public sealed class CalendarRequestTests
{
    private readonly string ics = Sample.Ics(Sample.Walk());

    [Fact]
    public void Calendar_HasOneVersionProdIdAndMethod_AndOneEvent()
    {
        var lines = Sample.Lines(ics);
        Assert.Equal("VERSION:2.0", Assert.Single(lines, l => l.StartsWith("VERSION")));
        Assert.Equal("PRODID:" + CalendarBuilder.ProductId, Assert.Single(lines, l => l.StartsWith("PRODID")));
        Assert.Equal("METHOD:REQUEST", Assert.Single(lines, l => l.StartsWith("METHOD")));
        Assert.Single(lines, l => l == "BEGIN:VEVENT");
        Assert.Equal("REQUEST", Sample.Parse(ics).Method);
    }

    [Fact]
    public void Uid_AndSequence_AreTheEventsStoredOnes()
    {
        var ev = Sample.Walk();
        ev.CalendarSequence = 4;
        var parsed = Sample.Parse(Sample.Ics(ev)).Events.Single();
        Assert.Equal((ev.CalendarUid, 4), (parsed.Uid, parsed.Sequence));
    }

    [Fact]
    public void DtStamp_IsUtc_AndFreshOnEverySend()
    {
        Assert.Equal("DTSTAMP:20260301T093015Z", Sample.Line(ics, "DTSTAMP"));
        var later = Sample.Ics(Sample.Walk(), now: Sample.Now.AddMinutes(5));
        Assert.Equal("DTSTAMP:20260301T093515Z", Sample.Line(later, "DTSTAMP"));
    }

    [Fact]
    public void Request_CarriesEveryRequiredProperty_AndEndNotDuration()
    {
        foreach (var name in new[] { "ATTENDEE", "DTSTAMP", "DTSTART", "DTEND", "ORGANIZER", "SUMMARY", "UID" })
            Assert.Contains(Sample.Lines(ics), l => l.StartsWith(name + ":") || l.StartsWith(name + ";"));
        Assert.DoesNotContain(Sample.Lines(ics), l => l.StartsWith("DURATION"));
        Assert.Equal("STATUS:CONFIRMED", Sample.Line(ics, "STATUS"));
    }

    [Fact]
    public void SummaryLocationDescriptionAndUrl_AreTheEvents()
    {
        var parsed = Sample.Parse(ics).Events.Single();
        Assert.Equal("Trygghetsvandring i Centrum", parsed.Summary);
        Assert.Equal("Stortorget, Ljungby", parsed.Location);
        Assert.Equal("Vi går genom centrum.\nTa med ficklampa.", parsed.Description);
        Assert.Equal(Sample.EventUrl, parsed.Url?.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" \n")]
    public void AnEmptyDescription_IsLeftOut(string? description)
    {
        var ev = Sample.Walk();
        ev.Description = description;
        Assert.Null(Sample.Parse(Sample.Ics(ev)).Events.Single().Description);
    }

    [Fact]
    public void Organizer_IsABareMailto_WithCommonName()
    {
        Assert.Equal("ORGANIZER;CN=\"Ljungby kommun, trygghet\":mailto:trygghet@ljungby.example.se", Sample.Line(ics, "ORGANIZER"));
        var organizer = Sample.Parse(ics).Events.Single().Organizer!;
        Assert.Equal(("mailto:trygghet@ljungby.example.se", "Ljungby kommun, trygghet"), (organizer.Value?.ToString(), organizer.CommonName));
    }

    [Fact]
    public void Attendee_IsABareMailto_RequiredNeedsActionAndAskedToAnswer()
    {
        var line = Sample.Line(ics, "ATTENDEE");
        Assert.EndsWith(":mailto:asa@example.org", line);
        foreach (var parameter in new[] { "CN=\"Åsa Ö, Testsson\"", "ROLE=REQ-PARTICIPANT", "PARTSTAT=NEEDS-ACTION", "RSVP=TRUE" })
            Assert.Contains(";" + parameter, line);

        var attendee = Assert.Single(Sample.Parse(ics).Events.Single().Attendees);
        Assert.Equal("mailto:asa@example.org", attendee.Value?.ToString());
        Assert.Equal("Åsa Ö, Testsson", attendee.CommonName);
        Assert.Equal(("REQ-PARTICIPANT", "NEEDS-ACTION", true), (attendee.Role, attendee.ParticipationStatus, attendee.Rsvp));
    }

    [Fact]
    public void AnAttendeeWithoutName_GetsTheAddressAsCommonName()
    {
        var text = CalendarBuilder.Build(Sample.Walk(), CalendarMethod.Request, Sample.Organizer, [new("nils@example.org")], Sample.EventUrl, Sample.Now);
        Assert.Equal("nils@example.org", Sample.Parse(text).Events.Single().Attendees.Single().CommonName);
    }

    [Fact]
    public void EveryAttendeeGiven_IsListed()
    {
        var text = CalendarBuilder.Build(Sample.Walk(), CalendarMethod.Request, Sample.Organizer,
            [Sample.Attendee, new("nils@example.org", "Nils")], Sample.EventUrl, Sample.Now);
        Assert.Equal(["mailto:asa@example.org", "mailto:nils@example.org"],
            Sample.Parse(text).Events.Single().Attendees.Select(a => a.Value?.ToString()));
    }

    [Fact]
    public void Request_RemindsAnHourBefore()
    {
        var alarm = Assert.Single(Sample.Parse(ics).Events.Single().Alarms);
        Assert.Equal("DISPLAY", alarm.Action);
        Assert.Equal("TRIGGER:-PT1H", Sample.Line(ics, "TRIGGER", "VALARM"));
    }
}
