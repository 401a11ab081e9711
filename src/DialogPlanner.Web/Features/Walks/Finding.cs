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
    /// <summary>When an organiser reviewed the finding; until then it is on no public page and in no feedback mail.</summary>
    public DateTime? ReviewedAtUtc { get; set; }
    public string? ReviewedByUserId { get; set; }
    /// <summary>The organiser hid the photo: it is kept, but shown to nobody outside the organisers' pages.</summary>
    public bool PhotoHidden { get; set; }
    /// <summary>Removed by an organiser: kept (who and when, and the audit log) but shown and counted nowhere.</summary>
    public DateTime? RemovedAtUtc { get; set; }
    public string? RemovedByUserId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    public bool IsReviewed => ReviewedAtUtc is not null;

    public bool IsRemoved => RemovedAtUtc is not null;

    /// <summary>What may be published (public protocol, feedback mail): reviewed and not removed.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Finding, bool>> Publishable = f => f.ReviewedAtUtc != null && f.RemovedAtUtc == null;

    /// <summary>An organiser approves the finding as it now reads; approving again changes nothing.</summary>
    public bool Review(string userId, DateTime nowUtc)
    {
        if (IsReviewed || IsRemoved) return false;
        (ReviewedAtUtc, ReviewedByUserId) = (nowUtc, userId);
        return true;
    }

    /// <summary>An organiser takes the finding away; it stays in the database as history.</summary>
    public void Remove(string userId, DateTime nowUtc)
    {
        if (IsRemoved) return;
        (RemovedAtUtc, RemovedByUserId) = (nowUtc, userId);
    }

    /// <summary>The photo a page outside the organisers' may show: none when hidden or removed.</summary>
    public string? VisiblePhotoPath => PhotoHidden || IsRemoved ? null : PhotoPath;
}
