using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Promises;

/// <summary>An organiser's year: import the promise in the browser, watch the statuses move as events are planned and held.</summary>
public sealed class PromiseJourneyTests
{
    private static readonly string LjungbyTemplate = Repo.PathOf("templates", "promises", "ljungby-2024.json");

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ImportThroughTheUi_ThenHeldEvents_ShowAsStatusesOnTheDashboard(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var preview = await UploadAsync(client, await File.ReadAllBytesAsync(LjungbyTemplate));
        Assert.Contains("Totalt 6 fokusområden och 21 löften.", preview.Body!.TextContent);
        await using (var db = app.CreateDbContext()) Assert.Equal(0, await db.Pledges.CountAsync()); // nothing before confirming

        var confirm = await ConfirmAsync(client, preview, replace: false);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        var dashboardUrl = confirm.Headers.Location!.OriginalString;

        // 2024 is over: two held dialogue meetings keep that pledge, one held walk of two is behind.
        await using (var db = app.CreateDbContext())
        {
            var dialogue = await db.Pledges.SingleAsync(p => p.EventType == EventType.DialogueMeeting);
            var walks = await db.Pledges.SingleAsync(p => p.EventType == EventType.SafetyWalk);
            db.Events.AddRange(
                Held(ljungby.Id, dialogue.Id, EventType.DialogueMeeting, new DateTime(2024, 3, 12, 18, 0, 0), 34),
                Held(ljungby.Id, dialogue.Id, EventType.DialogueMeeting, new DateTime(2024, 10, 8, 18, 0, 0), 21),
                Held(ljungby.Id, walks.Id, EventType.SafetyWalk, new DateTime(2024, 4, 17, 20, 0, 0), 12));
            await db.SaveChangesAsync();
        }
        var dashboard = await client.GetDocumentAsync(dashboardUrl);
        Assert.Equal("Uppfyllt", StatusOf(dashboard, "Kommun och Polis genomför dialogmöten 2 gånger under året."));
        Assert.Equal("Efter", StatusOf(dashboard, "Kommun och Polis genomför trygghetsvandringar 2 gånger under året."));
        Assert.Equal("Ej påbörjat", StatusOf(dashboard, "Ljungby kommun ska se över förebyggande åtgärder."));
        Assert.Equal(6, dashboard.QuerySelectorAll("section.focus-area").Length);
        Assert.Equal(21, dashboard.QuerySelectorAll("table.pledges tbody tr").Length);

        // The same year again asks first and duplicates nothing.
        var again = await UploadAsync(client, await File.ReadAllBytesAsync(LjungbyTemplate));
        Assert.Contains("Det finns redan ett medborgarlöfte för Ljungby 2024", again.Body!.TextContent);
        var refused = await ConfirmAsync(client, again, replace: false);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Kryssa i", await refused.Content.ReadAsStringAsync());
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal((1, 21), (await db.CitizenPromises.CountAsync(), await db.Pledges.CountAsync()));
            Assert.Equal(3, await db.Events.CountAsync(e => e.PledgeId != null));
        }
    }

    [Fact]
    public async Task BrokenTemplate_ShowsTheLineOfEachError_AndSavesNothing()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var broken = (await File.ReadAllTextAsync(LjungbyTemplate)).Replace("\"year\": 2024", "\"year\": \"tjugo\"");

        var page = await UploadAsync(client, System.Text.Encoding.UTF8.GetBytes(broken));

        var errors = page.QuerySelector(".errors")!.TextContent;
        Assert.Contains("Inget har sparats", errors);
        Assert.Contains("rad 4, $.year", errors);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.CitizenPromises.CountAsync());
    }

    [Fact]
    public async Task BrokenTemplate_InEnglish_ExplainsEachErrorInEnglish()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await client.PostFormAsync("/culture", new() { ["culture"] = "en", ["returnUrl"] = "/" }, "/");
        var template = await File.ReadAllTextAsync(LjungbyTemplate);
        var wrongType = template.Replace("\"year\": 2024", "\"year\": \"tjugo\"");
        var noOneResponsible = template.Replace("\"responsible\": \"Polis\"", "\"responsible\": \"Ingen\"");

        var typeErrors = (await UploadAsync(client, System.Text.Encoding.UTF8.GetBytes(wrongType))).QuerySelector(".errors")!.TextContent;
        var checkErrors = (await UploadAsync(client, System.Text.Encoding.UTF8.GetBytes(noOneResponsible))).QuerySelector(".errors")!.TextContent;

        Assert.Contains("line 4, $.year: wrong type of value", typeErrors);
        Assert.Matches(@"line \d+, \$\.focusAreas\[\d\]\.pledges\[\d\]\.responsible: responsible must be ""Kommun""", checkErrors);
        Assert.DoesNotContain("rad ", checkErrors);
    }

    /// <summary>A template for a municipality the app has not served before adds it, and leads to its settings.</summary>
    [Fact]
    public async Task ImportingForANewMunicipality_LeadsToItsSettings()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var confirm = await ConfirmAsync(admin, await UploadAsync(admin, await File.ReadAllBytesAsync(LjungbyTemplate)), replace: false);

        int id;
        await using (var db = app.CreateDbContext()) id = (await db.Municipalities.SingleAsync(m => m.Name == "Ljungby")).Id;
        Assert.Equal($"/municipalities/{id}/settings", confirm.Headers.Location!.OriginalString);
        var settings = await admin.GetDocumentAsync(confirm.Headers.Location.OriginalString);
        Assert.Contains("Ljungby är ny här", settings.QuerySelector("[role=status], .message")?.TextContent ?? settings.Body!.TextContent);
        Assert.Equal("ljungby", settings.QuerySelector("#Slug")!.GetAttribute("value"));
    }

    [Fact]
    public async Task OrganiserOfAnotherMunicipality_CannotImportForLjungby()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        var client = await app.SignInAsync(await app.AddUserAsync("org@alvesta.example", Roles.Organiser, alvesta.Id), TestData.Password);

        var page = await UploadAsync(client, await File.ReadAllBytesAsync(LjungbyTemplate));

        Assert.Contains("du arbetar inte för den kommunen", page.QuerySelector(".errors")!.TextContent);
        Assert.Null(page.QuerySelector("form[action$='/confirm']"));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NextYearsPromise_WrittenByHand_IsPlannedIntoDrafts_ThenScheduled(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        var year = StockholmTime.Now(TimeProvider.System).Year + 1;

        var created = await client.PostFormAsync("/promises/new", new() { ["MunicipalityId"] = ljungby.Id.ToString(), ["Year"] = year.ToString(), ["Title"] = $"Medborgarlöfte {year}" });
        var promiseUrl = created.Headers.Location!.OriginalString;
        var promiseId = int.Parse(promiseUrl.Split('/').Last());
        await client.PostFormAsync($"/promises/{promiseId}/areas/new", new() { ["Title"] = "Oro för inbrott" });
        int areaId;
        await using (var db = app.CreateDbContext()) areaId = (await db.FocusAreas.SingleAsync()).Id;
        var invalid = await client.PostFormAsync($"/promises/areas/{areaId}/pledges/new", new() { ["Text"] = "Dialogmöten", ["Responsible"] = "Both", ["EventType"] = "DialogueMeeting" });
        Assert.Contains("Ange hur många gånger", (await invalid.ReadDocumentAsync()).QuerySelector("#YearlyTarget-error")!.TextContent);
        await client.PostFormAsync($"/promises/areas/{areaId}/pledges/new", new()
        {
            ["Text"] = "Kommun och Polis genomför dialogmöten 2 gånger under året.", ["Responsible"] = "Both", ["EventType"] = "DialogueMeeting", ["YearlyTarget"] = "2",
        });
        int pledgeId;
        await using (var db = app.CreateDbContext()) pledgeId = (await db.Pledges.SingleAsync()).Id;
        const string text = "Kommun och Polis genomför dialogmöten 2 gånger under året.";
        Assert.Equal("Risk", StatusOf(await client.GetDocumentAsync(promiseUrl), text));

        var plan = await client.GetDocumentAsync($"/promises/pledges/{pledgeId}/plan");
        var starts = plan.QuerySelectorAll("input[name=starts]").Select(i => i.GetAttribute("value")!).ToList();
        Assert.Equal(2, starts.Count);
        var token = plan.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var made = await client.PostAsync($"/promises/pledges/{pledgeId}/plan", new FormUrlEncodedContent(
            starts.Select(s => new KeyValuePair<string, string>("starts", s)).Append(new("__RequestVerificationToken", token))));
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);

        await using (var db = app.CreateDbContext())
        {
            var drafts = await db.Events.Where(e => e.PledgeId == pledgeId).ToListAsync();
            Assert.Equal(2, drafts.Count);
            Assert.All(drafts, d => Assert.Equal((EventStatus.Draft, EventType.DialogueMeeting, true), (d.Status, d.Type, d.IsPublic)));
            Assert.All(drafts, d => Assert.Equal(18, StockholmTime.FromUtc(d.StartsAtUtc).Hour));
        }
        // Drafts are not yet promises kept: still at risk until scheduled.
        Assert.Equal("Risk", StatusOf(await client.GetDocumentAsync(promiseUrl), text));
        Assert.Contains("Alla händelser som löftet kräver", (await client.GetDocumentAsync($"/promises/pledges/{pledgeId}/plan")).Body!.TextContent);

        await using (var db = app.CreateDbContext())
        {
            await db.Events.ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, EventStatus.Scheduled));
        }
        var scheduled = await client.GetDocumentAsync(promiseUrl);
        Assert.Equal("Enligt plan", StatusOf(scheduled, text));
        Assert.Equal("2", scheduled.QuerySelector($"#pledge-{pledgeId} td[data-label=Planerade]")!.TextContent.Trim());

        var stranger = await app.SignInAsync(await app.AddUserAsync("org@alvesta.example", Roles.Organiser, (await app.AddMunicipalityAsync("Alvesta")).Id), TestData.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/promises/pledges/{pledgeId}/plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(promiseUrl)).StatusCode);
    }

    private static Event Held(int municipalityId, int pledgeId, EventType type, DateTime stockholmStart, int attendance) =>
        TestData.Event(municipalityId, type.ToString(), StockholmTime.ToUtc(stockholmStart), location: "Ljungby", type: type, status: EventStatus.Held)
            .With(e => (e.PledgeId, e.AttendanceCount) = (pledgeId, attendance));

    private static string StatusOf(IHtmlDocument dashboard, string pledgeText)
    {
        var row = dashboard.QuerySelectorAll("table.pledges tbody tr").Single(r => r.QuerySelector("td")!.TextContent.Contains(pledgeText));
        return row.QuerySelector(".status")!.TextContent.Trim();
    }

    private static async Task<IHtmlDocument> UploadAsync(HttpClient client, byte[] file)
    {
        var form = await client.GetDocumentAsync("/promises/import");
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(part, "file", "ljungby-2024.json");
        var response = await client.PostAsync("/promises/import", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadDocumentAsync();
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, IHtmlDocument preview, bool replace)
    {
        var form = preview.QuerySelector("form[action$='/confirm']")!;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("content", form.QuerySelector("input[name=content]")!.GetAttribute("value")!),
        };
        if (replace) fields.Add(new("replace", "true"));
        return await client.PostAsync("/promises/import/confirm", new FormUrlEncodedContent(fields));
    }
}
