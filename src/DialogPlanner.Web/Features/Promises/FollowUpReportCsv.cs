using System.Globalization;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>The follow-up report as one CSV row per pledge, for the spreadsheet the report usually ends up in.</summary>
public static class FollowUpReportCsv
{
    public static string FileName(CitizenPromise promise) => $"uppfoljning-{promise.Municipality.Slug}-{promise.Year}.csv";

    public static byte[] Write(FollowUpReport report, IStringLocalizer t) => SwedishCsv.Write(
        [
            t["Fokusområde"], t["Löfte"], t["Ansvarig"], t["Mål"], t["Genomförda"], t["Planerade"], t["Status"],
            t["Händelser"], t["Deltagare"], t["Iakttagelser"], t["Åtgärder"], t["Åtgärder klara"], t["Kommentar"],
        ],
        report.Overview.Areas.SelectMany(area => area.Pledges.Select(row => Fields(report, area.Area, row, t))));

    private static IEnumerable<string> Fields(FollowUpReport report, FocusArea area, PledgeRow row, IStringLocalizer t)
    {
        var pledge = row.Pledge;
        var progress = row.Progress;
        var held = row.Held.ToList();
        var keptByEvents = pledge.EventType is not null || held.Count > 0;
        var walks = report.WalksOf(row);
        yield return area.Title;
        yield return pledge.Text;
        yield return t[EnumTexts.Of(pledge.Responsible)];
        yield return progress is null ? "" : progress.TargetIsMinimum ? t["minst {0}", progress.Target] : Number(progress.Target);
        yield return progress is null ? "" : Number(progress.Held);
        yield return progress is null || pledge.EventType is null ? "" : Number(progress.Scheduled);
        yield return t[row.StatusText];
        yield return string.Join(", ", held.Select(FollowUpReport.DateOf));
        yield return keptByEvents ? Number(FollowUpReport.Attendance(row)) : "";
        yield return walks is null ? "" : Number(walks.Findings);
        yield return walks is null ? "" : Number(walks.Tasks);
        yield return walks is null ? "" : Number(walks.TasksDone);
        yield return pledge.Notes ?? "";
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
