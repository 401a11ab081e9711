using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Walks;

namespace DialogPlanner.Web.Features.Tasks;

public enum FollowUpStatus
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
    public FollowUpStatus Status { get; set; }
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

    public static readonly FollowUpStatus[] OpenStatuses = [FollowUpStatus.New, FollowUpStatus.Assigned, FollowUpStatus.InProgress];
    public static readonly FollowUpStatus[] ClosedStatuses = [FollowUpStatus.Done, FollowUpStatus.Rejected, FollowUpStatus.NotOurs];

    /// <summary>
    /// Where a status may go. Open work moves freely among the open statuses (except back to New, which
    /// only a task nobody was given has) and can be closed any way; a closed task is only reopened, as
    /// Assigned or InProgress, and closed again from there. Moving to another organisation
    /// (<see cref="MoveTo"/>) is not a status change: it always starts the task over as Assigned.
    /// </summary>
    private static readonly Dictionary<FollowUpStatus, FollowUpStatus[]> Next = new()
    {
        [FollowUpStatus.New] = [FollowUpStatus.Assigned, FollowUpStatus.InProgress, .. ClosedStatuses],
        [FollowUpStatus.Assigned] = [FollowUpStatus.InProgress, .. ClosedStatuses],
        [FollowUpStatus.InProgress] = [FollowUpStatus.Assigned, .. ClosedStatuses],
        [FollowUpStatus.Done] = [FollowUpStatus.Assigned, FollowUpStatus.InProgress],
        [FollowUpStatus.Rejected] = [FollowUpStatus.Assigned, FollowUpStatus.InProgress],
        [FollowUpStatus.NotOurs] = [FollowUpStatus.Assigned, FollowUpStatus.InProgress],
    };

    public bool IsClosed => ClosedStatuses.Contains(Status);

    /// <summary>The statuses a change can choose, the current one first: keeping it just adds a note.</summary>
    public IReadOnlyList<FollowUpStatus> StatusChoices() => [Status, .. Next.GetValueOrDefault(Status, [])];

    public bool CanChangeStatusTo(FollowUpStatus status) => status == Status || Next.GetValueOrDefault(Status, []).Contains(status);

    /// <summary>The first line of the history, written when the task is made.</summary>
    public void RecordCreated(TaskActor by, DateTime atUtc, string note) => Record(by, atUtc, Status, note);

    /// <summary>A status change (or a note on the same status); a closing note is the task's resolution.</summary>
    public void ChangeStatus(FollowUpStatus status, string? note, TaskActor by, DateTime atUtc)
    {
        if (!CanChangeStatusTo(status)) throw new InvalidOperationException($"Task {Id} cannot go from {Status} to {status}.");
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Status = status;
        ClosedAtUtc = IsClosed ? ClosedAtUtc ?? atUtc : null;
        if (IsClosed && note is not null) Resolution = note;
        Record(by, atUtc, status, note);
    }

    /// <summary>Another organisation of the same municipality can take the task over.</summary>
    public bool CanMoveTo(Organisation organisation) =>
        organisation.MunicipalityId == MunicipalityId && organisation.Id != ResponsibleOrganisationId;

    /// <summary>Hands the task to another organisation, where it starts again as Assigned.</summary>
    public void MoveTo(Organisation organisation, string note, TaskActor by, DateTime atUtc)
    {
        if (!CanMoveTo(organisation)) throw new InvalidOperationException($"Task {Id} cannot move to organisation {organisation.Id}.");
        ResponsibleOrganisationId = organisation.Id;
        AssignedPerson = null;
        Status = FollowUpStatus.Assigned;
        ClosedAtUtc = null;
        Resolution = null;
        // The new organisation has not been told it is late: if it still is, it gets its own notice.
        OverdueNoticeSentAtUtc = null;
        Record(by, atUtc, Status, note);
    }

    /// <summary>A new due date; a later one allows a new overdue notice when that one passes.</summary>
    public void Reschedule(DateOnly dueDate, string note, TaskActor by, DateTime atUtc)
    {
        if (dueDate > DueDate) OverdueNoticeSentAtUtc = null;
        DueDate = dueDate;
        Record(by, atUtc, Status, note);
    }

    private void Record(TaskActor by, DateTime atUtc, FollowUpStatus status, string? note) =>
        History.Add(new TaskHistoryEntry { AtUtc = atUtc, ByUserId = by.UserId, ByName = by.Name, Status = status, Note = note });
}
