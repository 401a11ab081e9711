namespace DialogPlanner.Web.Features.Municipalities;

/// <summary>
/// One municipality served by this installation. A police area works with several, and a
/// regional host may run one installation for a whole county, so almost all data hangs off this.
/// </summary>
public class Municipality : Data.IAudited
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>URL-safe name used in public addresses, e.g. "ljungby".</summary>
    public required string Slug { get; set; }
    /// <summary>Centre of the municipality, for sunset times and map defaults.</summary>
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>Finding categories not offered on the phone here, by name, comma-separated; see <see cref="Walks.FindingCategories"/>.</summary>
    public string? HiddenFindingCategories { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
