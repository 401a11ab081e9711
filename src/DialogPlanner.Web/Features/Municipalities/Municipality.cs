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
    /// <summary>A few words to residents above every promise on the public page.</summary>
    public string? PublicIntroduction { get; set; }
    /// <summary>Where residents write with questions; shown on the public pages and the privacy notice.</summary>
    public string? ContactEmail { get; set; }
    /// <summary>The municipality's own privacy notice (personuppgiftsansvarig, purposes, rights), shown on /kommun/{slug}/personuppgifter.</summary>
    public string? PrivacyNotice { get; set; }

    public const int NameMaxLength = 100, SlugMaxLength = 60, IntroductionMaxLength = 4000, PrivacyNoticeMaxLength = 16000;
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
