using DialogPlanner.Web.Features.Events;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>A planned stop on a safety walk's route, in walking order.</summary>
public class WalkStop
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event Event { get; set; } = null!;
    public int Order { get; set; }
    public required string Name { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}

/// <summary>The meetings around a walk (Brå's method): one before to prepare, one after where the responsible bodies answer.</summary>
public enum WalkMeetingRole
{
    Preparatory,
    FollowUp,
}

/// <summary>Which organisation usually answers for a finding category in a municipality; an organiser can override it per task.</summary>
public class CategoryResponsibility
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public FindingCategory Category { get; set; }
    public int OrganisationId { get; set; }
    public Organisations.Organisation Organisation { get; set; } = null!;
}
