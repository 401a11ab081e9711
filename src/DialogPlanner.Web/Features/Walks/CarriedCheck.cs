using DialogPlanner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// Checking off, on a re-walk, a finding carried from the previous walk. No new state is stored: "Åtgärdat"
/// (fixed) closes the copy as needing no action with that as its reason; "Kvarstår" (still there) links the copy
/// to the earlier finding's task, which goes on. Not yet checked is the plain open state, and only that state can
/// be checked, while the walk's recording is open (RecordingWindow). The earlier task itself is left to its owner:
/// the check is what the walk saw, not a decision about the task.
/// </summary>
public static class CarriedCheck
{
    public enum Result
    {
        Fixed,
        Remains,
    }

    /// <summary>
    /// False, changing nothing, when the finding is not a carried one, is no longer open (checked already, or triaged
    /// into a task or "no action" by the organiser), is removed, or the walk's recording has closed: a late or
    /// repeated tap must not undo what was decided since.
    /// </summary>
    public static async Task<bool> ApplyAsync(AppDbContext db, Finding finding, Result result, bool recordingOpen, IStringLocalizer<SharedResource> t)
    {
        if (finding.CarriedFromFindingId is not { } fromId || !CanCheck(finding, recordingOpen)) return false;
        var earlierTaskId = await db.Findings.Where(f => f.Id == fromId).Select(f => f.FollowUpTaskId).SingleOrDefaultAsync();
        if (result == Result.Fixed)
            (finding.Triage, finding.FollowUpTaskId, finding.NoActionReason) = (FindingTriage.NoAction, null, t["Åtgärdat: kontrollerat på den uppföljande vandringen."].Value);
        else if (earlierTaskId is null) // the earlier task is gone: the copy stays open, to be triaged anew
            (finding.Triage, finding.FollowUpTaskId, finding.NoActionReason) = (FindingTriage.Open, null, null);
        else
            (finding.Triage, finding.FollowUpTaskId, finding.NoActionReason) = (FindingTriage.Tasked, earlierTaskId, null);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Whether a check may still change the finding: it is open and the walk's recording has not closed.</summary>
    public static bool CanCheck(Finding finding, bool recordingOpen) => recordingOpen && finding.Triage == FindingTriage.Open && !finding.IsRemoved;

    /// <summary>The task of each earlier finding that the given findings were carried from.</summary>
    public static async Task<Dictionary<int, int?>> EarlierTasksAsync(AppDbContext db, IEnumerable<Finding> findings)
    {
        var ids = findings.Where(f => f.CarriedFromFindingId is not null).Select(f => f.CarriedFromFindingId!.Value).ToList();
        return ids.Count == 0 ? [] : await db.Findings.Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.FollowUpTaskId);
    }

    /// <summary>What the check says so far: "" when not yet checked, null when the finding was triaged some other way.</summary>
    public static string? StateOf(Finding finding, int? earlierTaskId) => finding.Triage switch
    {
        FindingTriage.Open => "",
        FindingTriage.NoAction => nameof(Result.Fixed),
        FindingTriage.Tasked when finding.FollowUpTaskId == earlierTaskId => nameof(Result.Remains),
        _ => null,
    };
}

/// <summary>What the checklist partial shows: the carried findings, their earlier tasks, and where a check is posted.</summary>
public sealed record CarriedChecklist(List<Finding> Findings, Dictionary<int, int?> EarlierTasks, Func<int, string> CheckUrl, bool RecordingOpen);
