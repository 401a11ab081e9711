using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>The follow-up report as one CSV row per pledge, for the spreadsheet the report usually ends up in.</summary>
public static class FollowUpReportCsv
{
    // Swedish Excel expects semicolons (the comma is the decimal sign) and needs the BOM to read UTF-8.
    private static readonly CsvConfiguration Config = new(CultureInfo.GetCultureInfo("sv-SE"))
    {
        Delimiter = ";",
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        // Notes are free text: a comment starting with "=" must not run as a formula in Excel.
        InjectionOptions = InjectionOptions.Escape,
    };

    public static string FileName(CitizenPromise promise) => $"uppfoljning-{promise.Municipality.Slug}-{promise.Year}.csv";

    public static byte[] Write(FollowUpReport report, IStringLocalizer t)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, Config.Encoding))
        using (var csv = new CsvWriter(writer, Config))
        {
            string[] header =
            [
                t["Fokusområde"], t["Löfte"], t["Ansvarig"], t["Mål"], t["Genomförda"], t["Planerade"], t["Status"],
                t["Händelser"], t["Deltagare"], t["Iakttagelser"], t["Åtgärder"], t["Åtgärder klara"], t["Kommentar"],
            ];
            foreach (var name in header) csv.WriteField(name);
            csv.NextRecord();
            foreach (var area in report.Overview.Areas)
                foreach (var row in area.Pledges)
                {
                    foreach (var field in Fields(report, area.Area, row, t)) csv.WriteField(field);
                    csv.NextRecord();
                }
        }
        return stream.ToArray();
    }

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
        yield return t[FollowUpReport.StatusText(row)];
        yield return string.Join(", ", held.Select(FollowUpReport.DateOf));
        yield return keptByEvents ? Number(FollowUpReport.Attendance(row)) : "";
        yield return walks is null ? "" : Number(walks.Findings);
        yield return walks is null ? "" : Number(walks.Tasks);
        yield return walks is null ? "" : Number(walks.TasksDone);
        yield return pledge.Notes ?? "";
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
