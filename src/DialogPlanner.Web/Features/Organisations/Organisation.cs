using DialogPlanner.Web.Features.Municipalities;

namespace DialogPlanner.Web.Features.Organisations;

public enum OrganisationKind
{
    Municipality,
    Police,
    Landlord,
    Association,
    CountyBoard,
    Other,
}

/// <summary>A body that takes part in events or owns follow-up tasks.</summary>
public class Organisation : Data.IAudited
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality Municipality { get; set; } = null!;
    public required string Name { get; set; }
    public OrganisationKind Kind { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
