using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Tasks;

namespace DialogPlanner.Web.Features.Walks;

public enum FindingCategory
{
    Lighting,
    Vegetation,
    Graffiti,
    Vandalism,
    Litter,
    DrugHangout,
    TrafficHazard,
    Other,
}

public enum FindingTriage
{
    Open,
    Tasked,
    NoAction,
}

/// <summary>Something noted on a walk: where, what kind, a few words and maybe a photo.</summary>
public class Finding : Data.IAudited
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event Event { get; set; } = null!;
    public FindingCategory Category { get; set; }
    public required string Description { get; set; }
    public string? Place { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>Path of the stored photo relative to the photo store; never under wwwroot.</summary>
    public string? PhotoPath { get; set; }
    public string? ReportedByUserId { get; set; }
    public int? ReportedByInvitationId { get; set; }
    /// <summary>Made by the phone before the first upload try, so a retried upload never makes a second finding.</summary>
    public Guid? ClientId { get; set; }
    public string? PhotoContentType { get; set; }
    /// <summary>Set on a re-walk's copy of an earlier finding whose task was still open.</summary>
    public int? CarriedFromFindingId { get; set; }
    public FindingTriage Triage { get; set; }
    public string? NoActionReason { get; set; }
    /// <summary>Several findings may be merged into one task.</summary>
    public int? FollowUpTaskId { get; set; }
    public FollowUpTask? FollowUpTask { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
