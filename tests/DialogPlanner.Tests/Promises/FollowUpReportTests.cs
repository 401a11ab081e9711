using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using CsvHelper;
using CsvHelper.Configuration;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Promises;

/// <summary>
/// The year-end report of Ljungby 2024. The app runs on the real clock, so every event lies in 2024
/// and the statuses asserted are those that hold once 2024 is over.
/// </summary>
public sealed partial class FollowUpReportTests
{
    private const string DialoguePledge = "Kommun och Polis genomför dialogmöten 2 gånger under året.";
    private const string WalkPledge = "Kommun och Polis genomför trygghetsvandringar 2 gånger under året.";
    private const string WatchPledge = "Kommun och Polis genomför grannsamverkansmöte minst 1 gång under året.";
    private const string ControlsPledge = "Polisen genomför så kallade 20-minuters kontroller varje månad på orter inom kommunen.";
    private const string DrugTestsPledge = "Kommunen ska under året genomföra 4 mätningar av förekomst av droger i avloppsvattnet.";
    private const string GraffitiPledge = "Ljungby kommun ska sanera klotter och åtgärda skadegörelse skyndsamt.";
    // A line break alone must be enough for the CSV to quote a field.
    private const string DialogueNote = "Två välbesökta möten.\nFlest deltagare i centrum.";
    // A semicolon, quotes and a line break: the CSV must quote this field to keep it in one cell.
    private const string GraffitiNote = "Sanerat inom ett dygn; se \"Rent & snyggt\".\nKostnad 42 000 kr.";

    private sealed record LjungbyYear(int PromiseId, int MunicipalityId, Dictionary<string, int> PledgeIds);

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReportPage_ShowsWhatWasPromisedAndDone_PerFocusAreaAndPledge(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var year = await SeedLjungby2024Async(app);
        var client = await app.SignInAsync(await app.AddUserAsync("samordnare@ljungby.test", Roles.Organiser, year.MunicipalityId), TestData.Password);

        var page = await client.GetDocumentAsync($"/promises/{year.PromiseId}/report");

        Assert.Equal("Uppföljning av medborgarlöfte 2024 Ljungby", Text(page.QuerySelector("h1")!));
        Assert.Contains("2 av 8 mätbara löften är uppfyllda.", page.Body!.TextContent);
        await using (var db = app.CreateDbContext())
            Assert.Equal(await db.FocusAreas.OrderBy(a => a.SortOrder).Select(a => a.Title).ToListAsync(), page.QuerySelectorAll("section h2").Select(Text));
        Assert.Equal(21, page.QuerySelectorAll("table.report tbody tr").Length);
        var links = page.QuerySelectorAll(".actions a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/promises/{year.PromiseId}/report.csv", links);
        var print = page.QuerySelector("button[data-print]")!;
        Assert.Equal(("Skriv ut", true), (Text(print), print.HasAttribute("hidden")));
        Assert.StartsWith("/js/print.js", page.QuerySelector("script")!.GetAttribute("src"));

        var dialogue = Row(page, year, DialoguePledge);
        Assert.Equal(DialoguePledge + " Ansvarig: Kommunen och polisen Mål: 2", Text(dialogue.QuerySelector(".promised")!));
        Assert.Equal("2 av 2 genomförda", Text(dialogue.QuerySelector(".done p")!));
        Assert.Equal(["2024-03-14 Dialogmöte i Ljungby centrum: 34 deltagare", "2024-10-03 Dialogmöte i Lagan: 21 deltagare"],
            dialogue.QuerySelectorAll(".done li").Select(Text));
        Assert.Equal(("Uppfyllt", DialogueNote), (Text(dialogue.QuerySelector(".status")!), dialogue.QuerySelector(".comment")!.TextContent));

        var walk = Row(page, year, WalkPledge);
        Assert.Equal("1 av 2 genomförda", Text(walk.QuerySelector(".done p")!));
        Assert.Equal(["2024-10-10 Trygghetsvandring Replösa: 12 deltagare Iakttagelser: 3. Åtgärder: 2, varav 1 klara."],
            walk.QuerySelectorAll(".done li").Select(Text));
        Assert.Equal(("Efter", "–"), (Text(walk.QuerySelector(".status")!), Text(walk.QuerySelector(".comment")!)));

        var watch = Row(page, year, WatchPledge);
        Assert.EndsWith("Mål: minst 1", Text(watch.QuerySelector(".promised")!));
        Assert.Equal(("0 genomförda, minst 1", "Efter"), (Text(watch.QuerySelector(".done")!), Text(watch.QuerySelector(".status")!)));

        Assert.Equal(("12 av 12 genomförda", "Uppfyllt"), DoneAndStatus(Row(page, year, ControlsPledge)));
        Assert.Equal(("3 av 4 genomförda", "Efter"), DoneAndStatus(Row(page, year, DrugTestsPledge)));

        var graffiti = Row(page, year, GraffitiPledge);
        Assert.Equal(GraffitiPledge + " Ansvarig: Kommunen", Text(graffiti.QuerySelector(".promised")!));
        Assert.Equal(("–", "Uppfyllt"), DoneAndStatus(graffiti));
        Assert.Equal(GraffitiNote, graffiti.QuerySelector(".comment")!.TextContent);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ReportCsv_HasOneRowPerPledge_InSwedishExcelForm(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var year = await SeedLjungby2024Async(app);
        var client = await app.SignInAsync(await app.AddUserAsync("samordnare@ljungby.test", Roles.Organiser, year.MunicipalityId), TestData.Password);

        var response = await client.GetAsync($"/promises/{year.PromiseId}/report.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("uppfoljning-ljungby-2024.csv", response.Content.Headers.ContentDisposition!.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var text = new UTF8Encoding(false).GetString(bytes[3..]);
        Assert.StartsWith("Fokusområde;Löfte;Ansvarig;Mål;Genomförda;Planerade;Status;Händelser;Deltagare;Iakttagelser;Åtgärder;Åtgärder klara;Kommentar\r\n", text);
        Assert.Contains(";\"Två välbesökta möten.\nFlest deltagare i centrum.\"\r\n", text);
        Assert.Contains(";\"Sanerat inom ett dygn; se \"\"Rent & snyggt\"\".\nKostnad 42 000 kr.\"\r\n", text);

        var rows = Parse(text);
        Assert.Equal(21, rows.Count);
        Assert.Equal(
            ["Oro för inbrott och våld i samhället", DialoguePledge, "Kommunen och polisen", "2", "2", "0", "Uppfyllt",
             "2024-03-14, 2024-10-03", "55", "", "", "", DialogueNote], rows[DialoguePledge]);
        Assert.Equal(
            ["Oro för inbrott och våld i samhället", WalkPledge, "Kommunen och polisen", "2", "1", "0", "Efter",
             "2024-10-10", "12", "3", "2", "1", ""], rows[WalkPledge]);
        Assert.Equal(["minst 1", "0", "0", "Efter", "", "0", "", "", ""], rows[WatchPledge][3..12]);
        Assert.Equal(["Polisen", "12", "12", "", "Uppfyllt", "", "", "", "", ""], rows[ControlsPledge][2..12]);
        Assert.Equal(["4", "3", "", "Efter"], rows[DrugTestsPledge][3..7]);
        Assert.Equal(
            ["Klotter och skadegörelser har ökat", GraffitiPledge, "Kommunen", "", "", "", "Uppfyllt", "", "", "", "", "", GraffitiNote],
            rows[GraffitiPledge]);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("report.csv")]
    public async Task Anonymous_IsSentToLogin(string page)
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var year = await SeedLjungby2024Async(app);

        var response = await app.CreateBrowser().GetAsync($"/promises/{year.PromiseId}/{page}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("report.csv")]
    public async Task OrganiserOfAnotherMunicipality_GetsNotFound(string page)
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var year = await SeedLjungby2024Async(app);
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        var client = await app.SignInAsync(await app.AddUserAsync("samordnare@alvesta.test", Roles.Organiser, alvesta.Id), TestData.Password);

        var response = await client.GetAsync($"/promises/{year.PromiseId}/{page}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Dialogmöte i Ljungby centrum", await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Imports the Ljungby template and records a year: two dialogue meetings held (and one cancelled),
    /// one of two walks held with three findings in two tasks, activity counts and a hand-set status.
    /// </summary>
    private static async Task<LjungbyYear> SeedLjungby2024Async(AppFactory app)
    {
        var read = PromiseTemplateReader.Read(File.ReadAllBytes(Repo.PathOf("templates", "promises", "ljungby-2024.json")));
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<PromiseImporter>().ImportAsync(read.Template!, replace: false);

        await using var db = app.CreateDbContext();
        var promise = await db.CitizenPromises.Include(p => p.FocusAreas).ThenInclude(f => f.Pledges).SingleAsync();
        var pledges = promise.FocusAreas.SelectMany(f => f.Pledges).ToDictionary(p => p.Text);
        var municipalityId = promise.MunicipalityId;
        pledges[DialoguePledge].Notes = DialogueNote;
        pledges[ControlsPledge].DoneCount = 12;
        pledges[DrugTestsPledge].DoneCount = 3;
        pledges[GraffitiPledge].ManualStatus = PledgeManualStatus.Kept;
        pledges[GraffitiPledge].Notes = GraffitiNote;

        Event Held(Pledge pledge, EventType type, string title, DateTime startsAtUtc, int attendance, EventStatus status = EventStatus.Held) =>
            TestData.Event(municipalityId, title, startsAtUtc, location: "Ljungby", type: type, status: status)
                .With(e => (e.PledgeId, e.AttendanceCount) = (pledge.Id, status == EventStatus.Held ? attendance : null));
        var dialogue = pledges[DialoguePledge];
        var walkPledge = pledges[WalkPledge];
        var walk = Held(walkPledge, EventType.SafetyWalk, "Trygghetsvandring Replösa", TestData.Stockholm(2024, 10, 10, 19), 12);
        db.Events.AddRange(
            Held(dialogue, EventType.DialogueMeeting, "Dialogmöte i Lagan", TestData.Stockholm(2024, 10, 3, 18), 21),
            Held(dialogue, EventType.DialogueMeeting, "Dialogmöte i Ljungby centrum", TestData.Stockholm(2024, 3, 14, 18), 34),
            Held(dialogue, EventType.DialogueMeeting, "Inställt dialogmöte", TestData.Stockholm(2024, 5, 20, 18), 0, EventStatus.Cancelled),
            // Passed without being marked held: neither done nor planned.
            Held(walkPledge, EventType.SafetyWalk, "Trygghetsvandring Bolmstad", TestData.Stockholm(2024, 11, 14, 19), 0, EventStatus.Scheduled),
            walk);

        var street = TestData.Organisation(municipalityId, "Gatuavdelningen");
        FollowUpTask NewTask(string title, FollowUpStatus status) => TestData.Task(municipalityId, street, title, status, new DateOnly(2024, 12, 1));
        var lamps = NewTask("Byt armaturer i gångtunneln", FollowUpStatus.Done);
        var bushes = NewTask("Klipp buskaget vid lekplatsen", FollowUpStatus.InProgress);
        db.Findings.AddRange(
            TestData.Finding(walk, FindingCategory.Lighting, "Mörk gångtunnel", lamps),
            TestData.Finding(walk, FindingCategory.Lighting, "Trasig lampa vid tunnelns norra ände", lamps),
            TestData.Finding(walk, FindingCategory.Vegetation, "Skymd sikt vid lekplatsen", bushes));
        await db.SaveChangesAsync();
        return new LjungbyYear(promise.Id, municipalityId, pledges.ToDictionary(p => p.Key, p => p.Value.Id));
    }

    private static IElement Row(IParentNode page, LjungbyYear year, string pledge) =>
        page.QuerySelector($"tr#pledge-{year.PledgeIds[pledge]}") ?? throw new InvalidOperationException($"No row for {pledge}");

    private static (string Done, string Status) DoneAndStatus(IElement row) =>
        (Text(row.QuerySelector(".done")!), Text(row.QuerySelector(".status")!));

    private static string Text(IElement element) => Whitespace().Replace(element.TextContent, " ").Trim();

    /// <summary>The CSV read back the way Swedish Excel reads it, rows keyed by pledge.</summary>
    private static Dictionary<string, string[]> Parse(string text)
    {
        using var csv = new CsvReader(new StringReader(text), new CsvConfiguration(CultureInfo.GetCultureInfo("sv-SE")) { Delimiter = ";" });
        csv.Read();
        csv.ReadHeader();
        var rows = new Dictionary<string, string[]>();
        while (csv.Read())
        {
            var fields = Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)!).ToArray();
            Assert.Equal(13, fields.Length);
            rows.Add(fields[1], fields);
        }
        return rows;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
