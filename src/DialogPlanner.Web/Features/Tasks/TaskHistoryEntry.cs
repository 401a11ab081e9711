using System.Security.Claims;

namespace DialogPlanner.Web.Features.Tasks;

/// <summary>One change of a follow-up task: who, when, the status it moved to and the note they left.</summary>
public class TaskHistoryEntry
{
    public long Id { get; set; }
    public int FollowUpTaskId { get; set; }
    public FollowUpTask FollowUpTask { get; set; } = null!;
    public DateTime AtUtc { get; set; }
    public string? ByUserId { get; set; }
    /// <summary>Display name at the time, so history stays readable after the account is gone.</summary>
    public required string ByName { get; set; }
    public FollowUpStatus Status { get; set; }
    public string? Note { get; set; }
}

/// <summary>Who changes a task, as its history shows them.</summary>
public sealed record TaskActor(string? UserId, string Name)
{
    public static TaskActor Of(ClaimsPrincipal user) => new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "?");
}
