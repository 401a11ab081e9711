using System.Globalization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// Reads a typed latitude and longitude. People in Sweden type a decimal comma, a map or GPS gives a point,
/// so both are read alike, whatever the page's language. Both empty means "no position".
/// </summary>
public static class Coordinates
{
    public static bool TryRead(string? latitude, string? longitude, out double? lat, out double? lon)
    {
        (lat, lon) = (null, null);
        if (string.IsNullOrWhiteSpace(latitude) && string.IsNullOrWhiteSpace(longitude)) return true;
        if (!TryParse(latitude, out var a) || !TryParse(longitude, out var b) || a is < -90 or > 90 || b is < -180 or > 180) return false;
        (lat, lon) = (a, b);
        return true;
    }

    /// <summary>One number, with a decimal point or comma.</summary>
    public static bool TryParse(string? text, out double value) =>
        double.TryParse(text?.Trim().Replace(',', '.').Replace('−', '-'), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);
}
