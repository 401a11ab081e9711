using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;

namespace DialogPlanner.Tests.Invitations;

/// <summary>Calendars that clients would mishandle are never built (docs/icalendar-rules.md, rules 7, 8, 9, 11).</summary>
public sealed class CalendarGuardTests
{
    [Fact]
    public void TheOrganizer_CannotBeAnAttendee_InAnyCase()
    {
        var organizerAsAttendee = new CalendarPerson("TRYGGHET@ljungby.example.se", "Jag själv");
        Assert.Throws<ArgumentException>(() => CalendarBuilder.Build(Sample.Walk(), CalendarMethod.Request, Sample.Organizer,
            [Sample.Attendee, organizerAsAttendee], Sample.EventUrl, Sample.Now));
    }

    [Fact]
    public void WithoutAttendees_NothingIsBuilt() =>
        Assert.Throws<ArgumentException>(() => CalendarBuilder.Build(Sample.Walk(), CalendarMethod.Request, Sample.Organizer, [], Sample.EventUrl, Sample.Now));

    [Theory]
    [InlineData("Åsa <asa@example.org>")]
    [InlineData("asa@example.org, nils@example.org")]
    [InlineData("mailto:asa@example.org")]
    [InlineData("asa")]
    public void AnAddressThatIsNotBare_IsRejected(string email)
    {
        Assert.Throws<ArgumentException>(() => CalendarBuilder.Build(Sample.Walk(), CalendarMethod.Request, Sample.Organizer,
            [new CalendarPerson(email, "Åsa")], Sample.EventUrl, Sample.Now));
        Assert.Throws<ArgumentException>(() => CalendarBuilder.Build(Sample.Walk(), CalendarMethod.Request,
            new CalendarPerson(email, "Org"), [Sample.Attendee], Sample.EventUrl, Sample.Now));
    }

    [Fact]
    public void ACancelledEvent_IsNeverSentAsRequest()
    {
        var ev = Sample.Walk();
        ev.Status = EventStatus.Cancelled;
        Assert.Throws<InvalidOperationException>(() => Sample.Ics(ev));
    }
}
