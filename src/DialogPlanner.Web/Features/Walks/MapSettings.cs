namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// The tile server of the walk maps (settings Maps:TileUrl and Maps:Attribution). An empty TileUrl draws no
/// tiles: the markers still show, on a plain background, for servers that may not reach a tile server.
/// </summary>
public sealed record MapSettings(string TileUrl, string Attribution)
{
    public const string DefaultTileUrl = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public const string DefaultAttribution = "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>";

    // Read as raw strings: the options binder would not let an empty value replace the default.
    public static MapSettings From(IConfiguration configuration) =>
        new(configuration["Maps:TileUrl"] ?? DefaultTileUrl, configuration["Maps:Attribution"] ?? DefaultAttribution);
}
