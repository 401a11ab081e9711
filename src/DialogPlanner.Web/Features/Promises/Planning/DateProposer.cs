using DialogPlanner.Web.Features.Events;

namespace DialogPlanner.Web.Features.Promises.Planning;

/// <summary>A proposed time for an event, in Stockholm wall-clock time, with the reason for the hour.</summary>
public sealed record Proposal(DateTime Start, DateTime End, DateTime? Sunset);

/// <summary>
/// Proposes dates for the events a pledge still lacks: spread over what is left of the year, on
/// Tuesdays to Thursdays, never in July or on a public holiday or its eve. Safety walks go in spring
/// or autumn and start after dark; business meetings (landlords, traders) and farm walks by day.
/// </summary>
public static class DateProposer
{
    public const double FallbackLatitude = 59.0, FallbackLongitude = 15.0;

    public static IReadOnlyList<Proposal> Propose(EventType type, int count, int year, DateOnly today, double? latitude, double? longitude)
    {
        if (count <= 0) return [];
        var lat = latitude ?? FallbackLatitude;
        var lon = longitude ?? FallbackLongitude;
        // Two weeks' notice at least; nothing in the Christmas weeks.
        var first = Max(today.AddDays(14), new DateOnly(year, 1, 10));
        var last = new DateOnly(year, 12, 15);
        var candidates = new List<(DateOnly Day, Proposal Proposal)>();
        for (var day = first; day <= last; day = day.AddDays(1))
            if (Acceptable(type, day) && TimesFor(type, day, lat, lon) is { } proposal)
                candidates.Add((day, proposal));
        if (candidates.Count == 0) return [];

        // Split the candidates into equal parts and take the middle of each, so events spread out.
        var chosen = new List<Proposal>();
        for (var i = 0; i < Math.Min(count, candidates.Count); i++)
        {
            var middle = (int)((i + 0.5) * candidates.Count / count);
            chosen.Add(candidates[Math.Min(middle, candidates.Count - 1)].Proposal);
        }
        return chosen.Distinct().ToList();
    }

    private static bool Acceptable(EventType type, DateOnly day)
    {
        if (day.DayOfWeek is not (DayOfWeek.Tuesday or DayOfWeek.Wednesday or DayOfWeek.Thursday)) return false;
        if (day.Month == 7 || SwedishHolidays.NameOf(day) is not null || SwedishHolidays.NameOf(day.AddDays(1)) is not null) return false;
        // Walks after dark are a spring and autumn thing: summer evenings are light until late.
        if (type == EventType.SafetyWalk && day > new DateOnly(day.Year, 5, 15) && day < new DateOnly(day.Year, 9, 1)) return false;
        return true;
    }

    private static Proposal? TimesFor(EventType type, DateOnly day, double lat, double lon)
    {
        DateTime At(int hour, int minute = 0) => day.ToDateTime(new TimeOnly(hour, minute));
        switch (type)
        {
            case EventType.SafetyWalk:
                if (Sun.SunsetUtc(day, lat, lon) is not { } sunsetUtc) return null;
                var sunset = StockholmTime.FromUtc(sunsetUtc);
                // Half an hour after sunset, on the next quarter hour, but not before 18:00 nor after 21:00.
                var dark = sunset.AddMinutes(30);
                var start = new DateTime(dark.Year, dark.Month, dark.Day, dark.Hour, 0, 0).AddMinutes(15 * Math.Ceiling(dark.Minute / 15.0));
                if (start < At(18)) start = At(18);
                return start > At(21) ? null : new Proposal(start, start.AddHours(2), sunset);
            case EventType.LandlordMeeting or EventType.CentreAssociationMeeting:
                return new Proposal(At(9), At(11), null);
            case EventType.FarmWalk:
                return new Proposal(At(10), At(13), null);
            default:
                return new Proposal(At(18), At(20), null);
        }
    }

    /// <summary>True when a walk would start before sunset, which defeats its purpose.</summary>
    public static bool StartsInDaylight(DateTime startUtc, double? latitude, double? longitude)
    {
        var day = StockholmTime.DateOf(startUtc);
        var sunset = Sun.SunsetUtc(day, latitude ?? FallbackLatitude, longitude ?? FallbackLongitude);
        // No sunset at all: midnight sun in summer, polar night in winter.
        return sunset is null ? day.Month is >= 4 and <= 9 : startUtc < sunset;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
