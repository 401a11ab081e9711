using DialogPlanner.Web.Features.Municipalities;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>The medborgarlöfte of one municipality and its police area for one year.</summary>
public class CitizenPromise : Data.IAudited
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality Municipality { get; set; } = null!;
    public int Year { get; set; }
    public required string Title { get; set; }
    public string? Introduction { get; set; }
    public DateTime? PublishedAtUtc { get; set; }
    public List<FocusArea> FocusAreas { get; set; } = [];
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A fokusområde: one problem area of the promise.</summary>
public class FocusArea
{
    public int Id { get; set; }
    public int CitizenPromiseId { get; set; }
    public CitizenPromise CitizenPromise { get; set; } = null!;
    public required string Title { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
    public List<Pledge> Pledges { get; set; } = [];
}
