using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Walks;

namespace DialogPlanner.Web.Features.Tasks;

public enum TaskStatus
{
    New,
    Assigned,
    InProgress,
    Done,
    Rejected,
    NotOurs,
}

public enum TaskPriority
{
    Low,
    Normal,
    High,
}

/// <summary>An åtgärd: what a responsible body must do about one or more findings.</summary>
public class FollowUpTask : Data.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality Municipality { get; set; } = null!;
    public required string Title { get; set; }
    public string? Description { get; set; }
    public int ResponsibleOrganisationId { get; set; }
    public Organisation ResponsibleOrganisation { get; set; } = null!;
    public string? AssignedPerson { get; set; }
    public DateOnly DueDate { get; set; }
    public TaskPriority Priority { get; set; } = TaskPriority.Normal;
    public TaskStatus Status { get; set; }
    /// <summary>The closing note, or the required reason for Rejected / NotOurs.</summary>
    public string? Resolution { get; set; }
    public List<Finding> Findings { get; set; } = [];
    public List<TaskHistoryEntry> History { get; set; } = [];
    /// <summary>The "after" photo a task owner adds when closing.</summary>
    public string? AfterPhotoPath { get; set; }
    public string? AfterPhotoContentType { get; set; }
    public DateTime? ClosedAtUtc { get; set; }
    /// <summary>When the owner was last told the task is overdue, so the reminder goes out once.</summary>
    public DateTime? OverdueNoticeSentAtUtc { get; set; }
    public Guid Version { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}
