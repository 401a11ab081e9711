using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Microsoft.Extensions.Localization;
using Calendar = Ical.Net.Calendar;

namespace DialogPlanner.Web.Features.Events;

/// <summary>
/// Events as a PUBLISH calendar without attendees: the "add to calendar" file of one public event,
/// and the subscribed feeds (public, and each organiser's private one).
/// </summary>
public static class PublishedCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <param name="pageOf">The web page of each event, written as URL and in the description (Outlook ignores URL).</param>
    public static string Serialize(IReadOnlyCollection<Event> events, Func<Event, Uri> pageOf, DateTime nowUtc, IStringLocalizer t, string? name = null)
    {
        var calendar = new Calendar { Method = "PUBLISH" };
        if (name is not null) calendar.AddProperty("X-WR-CALNAME", name);
        // A real VTIMEZONE (without it Outlook shows events an hour off) whose rules reach back to the
        // earliest event: Ical.Net builds them from the zone's transitions between that date and now.
        var earliestUtc = events.Select(e => e.StartsAtUtc).Append(nowUtc).Min();
        calendar.AddTimeZone(StockholmTime.ZoneId, StockholmTime.FromUtc(earliestUtc), includeHistoricalData: false);
        foreach (var meeting in events)
        {
            var page = pageOf(meeting);
            var description = string.Join("\n\n", new[] { meeting.Description, t["Mer information: {0}", page].Value }
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
                Url = page,
                Status = meeting.Status == EventStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
            };
            if (meeting is { Latitude: { } lat, Longitude: { } lon }) calendarEvent.GeographicLocation = new GeographicLocation(lat, lon);
            calendar.Events.Add(calendarEvent);
        }
        return Invitations.IcsText.Write(calendar);
    }

    private static CalDateTime InStockholm(DateTime utc) => new(StockholmTime.FromUtc(utc), StockholmTime.ZoneId);
}
