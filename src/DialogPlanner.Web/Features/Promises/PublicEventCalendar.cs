using DialogPlanner.Web.Features.Events;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Microsoft.Extensions.Localization;
using Calendar = Ical.Net.Calendar;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>The "add to calendar" file of one public event: a PUBLISH calendar without attendees.</summary>
public static class PublicEventCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Serialize(Event meeting, Uri publicPage, DateTime nowUtc, IStringLocalizer t)
    {
        var calendar = new Calendar { Method = "PUBLISH" };
        // A real VTIMEZONE (without it Outlook shows the event an hour off) whose rules reach back
        // to the event: Ical.Net builds them from the zone's transitions between that date and now.
        var earliest = StockholmTime.FromUtc(meeting.StartsAtUtc < nowUtc ? meeting.StartsAtUtc : nowUtc);
        calendar.AddTimeZone(StockholmTime.ZoneId, earliest, includeHistoricalData: false);
        var description = string.Join("\n\n", new[] { meeting.Description, t["Mer om medborgarlöftet: {0}", publicPage].Value }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
        var calendarEvent = new CalendarEvent
        {
            // The stored UID and SEQUENCE, so that a later download or invitation updates the same calendar entry.
            Uid = meeting.CalendarUid,
            Sequence = meeting.CalendarSequence,
            DtStamp = new CalDateTime(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)),
            DtStart = InStockholm(meeting.StartsAtUtc),
            DtEnd = InStockholm(meeting.EndsAtUtc),
            Summary = meeting.Title,
            Location = meeting.Location,
            Description = description,
            Url = publicPage,
        };
        if (meeting is { Latitude: { } lat, Longitude: { } lon }) calendarEvent.GeographicLocation = new GeographicLocation(lat, lon);
        calendar.Events.Add(calendarEvent);
        return CalendarText.Write(calendar);
    }

    private static CalDateTime InStockholm(DateTime utc) => new(StockholmTime.FromUtc(utc), StockholmTime.ZoneId);
}
