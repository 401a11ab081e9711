using DialogPlanner.Web.Features.Events;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>Who in the promise stands behind a pledge.</summary>
[Flags]
public enum PledgeParty
{
    Municipality = 1,
    Police = 2,
    Both = Municipality | Police,
}

/// <summary>Manual status for pledges without a countable target.</summary>
public enum PledgeManualStatus
{
    NotStarted,
    InProgress,
    Kept,
    NotKept,
}

/// <summary>One bullet of the promise; measurable when it names an event type and a yearly target.</summary>
public class Pledge
{
    public int Id { get; set; }
    public int FocusAreaId { get; set; }
    public FocusArea FocusArea { get; set; } = null!;
    public required string Text { get; set; }
    public PledgeParty Responsible { get; set; }
    /// <summary>The kind of event that counts toward the target, when the pledge is kept by events.</summary>
    public EventType? EventType { get; set; }
    /// <summary>How many times a year; null when the pledge has no count.</summary>
    public int? YearlyTarget { get; set; }
    /// <summary>True for "minst 1 gång": exceeding the target is expected, not an error.</summary>
    public bool TargetIsMinimum { get; set; }
    /// <summary>How many times an activity pledge (a target without an event type, e.g. monthly traffic controls) was done so far.</summary>
    public int? DoneCount { get; set; }
    public PledgeManualStatus ManualStatus { get; set; }
    public string? Notes { get; set; }
    public int SortOrder { get; set; }
}
