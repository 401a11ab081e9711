using System.Text.Json;
using DialogPlanner.Web.Features.Events;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// What wwwroot/js/walk-map.js draws, rendered into the page as a JSON script element. The page itself
/// is complete without it: the route and findings are lists, the map is drawn only when Leaflet loads.
/// </summary>
public sealed record WalkMapData(
    string TileUrl, string Attribution, string LeafletJs, string LeafletCss, string Label, string Slot,
    double[]? Center, List<WalkMapData.Stop> Stops, List<WalkMapData.Point> Findings, string? Pick, Dictionary<string, string> Texts)
{
    public sealed record Stop(int Id, int Number, string Name, double? Lat, double? Lon);

    public sealed record Point(int Id, string Category, string CategoryText, string Description, double Lat, double Lon);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stops in walking order, numbered from 1; stops without coordinates keep their number.</summary>
    public static List<Stop> StopsOf(Event walk) =>
        walk.Stops.OrderBy(s => s.Order).Select((s, i) => new Stop(s.Id, i + 1, s.Name, s.Latitude, s.Longitude)).ToList();

    /// <summary>Where the map opens when nothing on it has coordinates: the walk's place, else its municipality.</summary>
    public static double[]? CenterOf(Event walk) =>
        walk.Latitude is { } lat && walk.Longitude is { } lon ? [lat, lon]
        : walk.Municipality?.Latitude is { } mlat && walk.Municipality.Longitude is { } mlon ? [mlat, mlon] : null;

    /// <summary>Safe inside a script element: the default encoder writes &lt; and &gt; as \u003C and \u003E.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
