using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;

namespace DialogPlanner.Tests.Invitations;

/// <summary>An update and a cancel reach the same calendar entry: same UID, higher SEQUENCE (docs/icalendar-rules.md, rules 4, 6, 11).</summary>
public sealed class CalendarUpdateAndCancelTests
{
    private static (string First, string Update, string Cancel) Lifecycle()
    {
        var ev = Sample.Walk();
        var first = Sample.Ics(ev);
        (ev.StartsAtUtc, ev.EndsAtUtc, ev.CalendarSequence) = (TestData.Stockholm(2026, 4, 2, 18), TestData.Stockholm(2026, 4, 2, 20), 1);
        var update = Sample.Ics(ev, now: Sample.Now.AddDays(1));
        (ev.Status, ev.CalendarSequence) = (EventStatus.Cancelled, 2);
        return (first, update, Sample.Ics(ev, CalendarMethod.Cancel, Sample.Now.AddDays(2)));
    }

    [Fact]
    public void Uid_StaysTheSame_AndSequenceRisesAsGiven()
    {
        var (first, update, cancel) = Lifecycle();
        var events = new[] { first, update, cancel }.Select(t => Sample.Parse(t).Events.Single()).ToList();
        Assert.All(events, e => Assert.Equal("3f2c9a1e@dialogplanner", e.Uid));
        Assert.Equal([0, 1, 2], events.Select(e => e.Sequence));
        Assert.Equal(["REQUEST", "REQUEST", "CANCEL"], new[] { first, update, cancel }.Select(t => Sample.Parse(t).Method));
    }

    [Fact]
    public void Update_CarriesTheNewTime()
    {
        var (_, update, _) = Lifecycle();
        Assert.Equal("DTSTART;TZID=Europe/Stockholm:20260402T180000", Sample.Line(update, "DTSTART"));
        Assert.Equal("DTSTAMP:20260302T093015Z", Sample.Line(update, "DTSTAMP"));
    }

    [Fact]
    public void Cancel_IsMethodCancel_StatusCancelled_WithOrganizerAttendeeAndStamp()
    {
        var (_, _, cancel) = Lifecycle();
        Assert.Equal("METHOD:CANCEL", Sample.Line(cancel, "METHOD", "VCALENDAR"));
        Assert.Equal("STATUS:CANCELLED", Sample.Line(cancel, "STATUS"));
        Assert.Equal("DTSTAMP:20260303T093015Z", Sample.Line(cancel, "DTSTAMP"));
        Assert.EndsWith(":mailto:trygghet@ljungby.example.se", Sample.Line(cancel, "ORGANIZER"));
        Assert.EndsWith(":mailto:asa@example.org", Sample.Line(cancel, "ATTENDEE"));
    }

    [Fact]
    public void Cancel_HasNoAlarm()
    {
        var (_, _, cancel) = Lifecycle();
        Assert.DoesNotContain("BEGIN:VALARM", Sample.Lines(cancel));
        Assert.Empty(Sample.Parse(cancel).Events.Single().Alarms);
    }

    [Fact]
    public void CancellingOneInvitee_OfAnEventThatGoesAhead_IsAlsoStatusCancelled()
    {
        var cancel = Sample.Ics(Sample.Walk(), CalendarMethod.Cancel);
        Assert.Equal("STATUS:CANCELLED", Sample.Line(cancel, "STATUS"));
    }
}
