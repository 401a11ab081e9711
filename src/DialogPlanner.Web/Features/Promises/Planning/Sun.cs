namespace DialogPlanner.Web.Features.Promises.Planning;

/// <summary>
/// Sunrise and sunset from latitude and longitude, by the NOAA solar equations (accurate to about
/// a minute at Swedish latitudes), for planning safety walks after dark.
/// </summary>
public static class Sun
{
    /// <summary>Sunset in UTC on a date, or null when the sun does not set (or rise) that day.</summary>
    public static DateTime? SunsetUtc(DateOnly date, double latitude, double longitude) => Event(date, latitude, longitude, setting: true);

    public static DateTime? SunriseUtc(DateOnly date, double latitude, double longitude) => Event(date, latitude, longitude, setting: false);

    private static DateTime? Event(DateOnly date, double latitude, double longitude, bool setting)
    {
        // Two passes: the solar position at the estimated moment refines the estimate.
        var minutes = 720 - 4 * longitude;
        for (var pass = 0; pass < 2; pass++)
        {
            var t = JulianCentury(date, minutes);
            var (declination, equationOfTime) = SolarPosition(t);
            var cosHourAngle = (Math.Cos(Rad(90.833)) / (Math.Cos(Rad(latitude)) * Math.Cos(declination)))
                               - Math.Tan(Rad(latitude)) * Math.Tan(declination);
            if (cosHourAngle is < -1 or > 1) return null;
            var hourAngle = Deg(Math.Acos(cosHourAngle)) * (setting ? 1 : -1);
            minutes = 720 - 4 * (longitude - hourAngle) - equationOfTime;
        }
        return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMinutes(minutes);
    }

    private static double JulianCentury(DateOnly date, double minutesUtc)
    {
        var julianDay = date.DayNumber + 1721425.5 + minutesUtc / 1440.0;
        return (julianDay - 2451545.0) / 36525.0;
    }

    /// <summary>Declination (radians) and the equation of time (minutes) at Julian century t.</summary>
    private static (double Declination, double EquationOfTime) SolarPosition(double t)
    {
        var meanLongitude = (280.46646 + t * (36000.76983 + t * 0.0003032)) % 360;
        var meanAnomaly = 357.52911 + t * (35999.05029 - 0.0001537 * t);
        var eccentricity = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
        var m = Rad(meanAnomaly);
        var center = Math.Sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t)) + Math.Sin(2 * m) * (0.019993 - 0.000101 * t) + Math.Sin(3 * m) * 0.000289;
        var trueLongitude = meanLongitude + center;
        var omega = 125.04 - 1934.136 * t;
        var apparentLongitude = trueLongitude - 0.00569 - 0.00478 * Math.Sin(Rad(omega));
        var meanObliquity = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
        var obliquity = meanObliquity + 0.00256 * Math.Cos(Rad(omega));
        var declination = Math.Asin(Math.Sin(Rad(obliquity)) * Math.Sin(Rad(apparentLongitude)));
        var y = Math.Pow(Math.Tan(Rad(obliquity) / 2), 2);
        var l0 = Rad(meanLongitude);
        var equationOfTime = 4 * Deg(y * Math.Sin(2 * l0) - 2 * eccentricity * Math.Sin(m) + 4 * eccentricity * y * Math.Sin(m) * Math.Cos(2 * l0)
                                     - 0.5 * y * y * Math.Sin(4 * l0) - 1.25 * eccentricity * eccentricity * Math.Sin(2 * m));
        return (declination, equationOfTime);
    }

    private static double Rad(double degrees) => degrees * Math.PI / 180;
    private static double Deg(double radians) => radians * 180 / Math.PI;
}
