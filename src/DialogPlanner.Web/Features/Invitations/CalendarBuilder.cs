using DialogPlanner.Web.Features.Events;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Calendar = Ical.Net.Calendar;

namespace DialogPlanner.Web.Features.Invitations;

public enum CalendarMethod
{
    Request,
    Cancel,
}

/// <summary>An organiser or attendee: a bare e-mail address and the name calendars show.</summary>
public sealed record CalendarPerson(string Email, string? Name = null);

/// <summary>
/// Writes the iMIP calendar (RFC 5545/5546) of one event for one METHOD, following
/// docs/icalendar-rules.md (rules 1–11): calendar clients only accept, update and cancel what follows those rules.
/// </summary>
public static class CalendarBuilder
{
    public const string ProductId = "-//DialogPlanner//DialogPlanner 1.0//SV";

    public static string MethodName(CalendarMethod method) => method == CalendarMethod.Cancel ? "CANCEL" : "REQUEST";

    /// <summary>
    /// The .ics text (CRLF, folded at 75 octets) of <paramref name="ev"/> with its stored UID and
    /// SEQUENCE; the caller raises <see cref="Event.CalendarSequence"/> before an update or a cancel.
    /// </summary>
    public static string Build(Event ev, CalendarMethod method, CalendarPerson organizer,
        IReadOnlyCollection<CalendarPerson> attendees, string eventUrl, DateTime nowUtc)
    {
        if (method == CalendarMethod.Request && ev.Status == EventStatus.Cancelled)
            throw new InvalidOperationException("A cancelled event is sent as CANCEL: a REQUEST would leave it in calendars.");
        if (attendees.Count == 0)
            throw new ArgumentException("An invitation needs at least one attendee.", nameof(attendees));
        var organizerAddress = MailtoOf(organizer.Email);
        // Outlook tells an organiser that they need not respond, so they would get no Accept/Decline.
        if (attendees.Any(a => EmailAddress.Same(a.Email, organizer.Email)))
            throw new ArgumentException("The organiser cannot be an attendee of their own invitation.", nameof(attendees));

        var calendar = new Calendar { ProductId = ProductId, Method = MethodName(method) };
        var start = StockholmWallClock(ev.StartsAtUtc);
        // Rules from the start on, or from now for an event more than a year ahead: Ical.Net reads the zone's
        // transitions from a year before the date given up to today, and fails when that span is empty.
        var earliest = StockholmWallClock(ev.StartsAtUtc < nowUtc ? ev.StartsAtUtc : nowUtc);
        calendar.AddTimeZone(StockholmTime.ZoneId, earliest, includeHistoricalData: false);

        var vevent = new CalendarEvent
        {
            Uid = ev.CalendarUid,
            Sequence = ev.CalendarSequence,
            DtStamp = new CalDateTime(AsUtc(nowUtc)),
            DtStart = new CalDateTime(start, StockholmTime.ZoneId),
            DtEnd = new CalDateTime(StockholmWallClock(ev.EndsAtUtc), StockholmTime.ZoneId),
            Summary = OneNewlineKind(ev.Title),
            Location = OneNewlineKind(ev.Location),
            Description = string.IsNullOrWhiteSpace(ev.Description) ? null : OneNewlineKind(ev.Description),
            Url = new Uri(eventUrl, UriKind.Absolute),
            Status = method == CalendarMethod.Cancel ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer(organizerAddress) { CommonName = CommonName(organizer) },
        };
        foreach (var person in attendees)
        {
            vevent.Attendees.Add(new Attendee(MailtoOf(person.Email))
            {
                CommonName = CommonName(person),
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = "NEEDS-ACTION",
                Rsvp = true,
            });
        }
        // RFC 5546 allows no VALARM in a CANCEL.
        if (method == CalendarMethod.Request)
        {
            vevent.Alarms.Add(new Alarm
            {
                Action = "DISPLAY",
                Description = vevent.Summary,
                Trigger = new Trigger(Duration.FromHours(-1)),
            });
        }
        calendar.Events.Add(vevent);
        return IcsText.Write(calendar);
    }

    private static string MailtoOf(string email)
    {
        var address = email.Trim();
        // A display name or a second address in here would give "mailto:Name <a@b>", which clients reject.
        if (address.Length == 0 || address.IndexOf('@') <= 0 || address.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '"' or ',' or ';' or ':'))
            throw new ArgumentException($"Not a bare e-mail address: '{email}'.", nameof(email));
        return "mailto:" + address;
    }

    /// <summary>
    /// Ical.Net writes a parameter value as it is: a line break would end the property line and a
    /// double quote would end the quoted value, and neither can be escaped there (RFC 5545 3.2).
    /// </summary>
    private static string CommonName(CalendarPerson person)
    {
        var name = new string((person.Name ?? "").Select(c => char.IsControl(c) ? ' ' : c == '"' ? '\'' : c).ToArray());
        name = string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return name.Length > 0 ? name : person.Email.Trim();
    }

    private static string OneNewlineKind(string text) => text.ReplaceLineEndings("\n");

    private static DateTime AsUtc(DateTime utc) =>
        utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    // Ical.Net refuses Kind=Local, and the conversion returns Local on a server whose own zone is Stockholm.
    private static DateTime StockholmWallClock(DateTime utc) =>
        DateTime.SpecifyKind(StockholmTime.FromUtc(AsUtc(utc)), DateTimeKind.Unspecified);
}
