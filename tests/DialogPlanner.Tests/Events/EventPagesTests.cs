using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Events;

public sealed class EventPagesTests
{
    private static readonly int NextYear = StockholmTime.Now(TimeProvider.System).Year + 1;

    private static Dictionary<string, string> Form(int municipalityId, string start, string end, string location = "Ljungby bibliotek", string? capacity = null, bool draft = false) => new()
    {
        ["MunicipalityId"] = municipalityId.ToString(), ["Type"] = "DialogueMeeting", ["Title"] = "Dialogmöte om centrum",
        ["Start"] = start, ["End"] = end, ["Location"] = location, ["Capacity"] = capacity ?? "", ["IsPublic"] = "true", ["AsDraft"] = draft ? "true" : "false",
    };

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_OnTheDaylightSavingDay_StoresTheRightUtcTimes(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        // The last Sunday of March: clocks go from 02:00 to 03:00.
        var dstDay = Enumerable.Range(25, 7).Select(d => new DateTime(NextYear, 3, d)).Single(d => d.DayOfWeek == DayOfWeek.Sunday);

        var response = await client.PostFormAsync("/events/new", Form(ljungby.Id, $"{dstDay:yyyy-MM-dd}T10:00", $"{dstDay:yyyy-MM-dd}T12:00"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.CreateDbContext();
        var e = await db.Events.SingleAsync();
        Assert.Equal(dstDay.AddHours(8), e.StartsAtUtc); // 10:00 CEST
        Assert.Equal((EventStatus.Scheduled, 0, true), (e.Status, e.CalendarSequence, e.IsPublic));
        var page = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("10:00", page.QuerySelector(".facts")!.TextContent);
    }

    [Fact]
    public async Task Create_WithBadInput_ShowsEachErrorByItsField_AndSavesNothing()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var endBeforeStart = await (await client.PostFormAsync("/events/new", Form(ljungby.Id, $"{NextYear}-05-05T18:00", $"{NextYear}-05-05T17:00", location: "", capacity: "-1"))).ReadDocumentAsync();
        var inThePast = await (await client.PostFormAsync("/events/new", Form(ljungby.Id, "2020-05-05T18:00", "2020-05-05T20:00"))).ReadDocumentAsync();

        Assert.Contains("Slutet måste komma efter början", endBeforeStart.QuerySelector("#End-error")!.TextContent);
        Assert.Contains("måste anges", endBeforeStart.QuerySelector("#Location-error")!.TextContent);
        Assert.Contains("0", endBeforeStart.QuerySelector("#Capacity-error")!.TextContent);
        Assert.Contains("förflutna", inThePast.QuerySelector("#Start-error")!.TextContent);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Events.CountAsync());
    }

    [Fact]
    public async Task Reschedule_RaisesSequence_CosmeticEdit_KeepsIt_DraftEdits_NeverRaise()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var scheduled = await CreateAsync(client, ljungby.Id, draft: false);
        var draft = await CreateAsync(client, ljungby.Id, draft: true);

        await EditAsync(client, scheduled, ("Title", "Ny titel"));
        Assert.Equal(0, await SequenceAsync(app, scheduled));
        await EditAsync(client, scheduled, ("Start", $"{NextYear}-05-06T18:30"), ("End", $"{NextYear}-05-06T20:30"));
        Assert.Equal(1, await SequenceAsync(app, scheduled));
        await EditAsync(client, scheduled, ("Location", "Kommunhuset"));
        Assert.Equal(2, await SequenceAsync(app, scheduled));
        await EditAsync(client, draft, ("Start", $"{NextYear}-05-07T18:30"), ("End", $"{NextYear}-05-07T20:30"));
        Assert.Equal(0, await SequenceAsync(app, draft));
    }

    [Fact]
    public async Task Edit_WithAStaleVersion_IsRefused_AndChangesNothing()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var id = await CreateAsync(client, ljungby.Id, draft: false);
        var stale = await client.GetDocumentAsync($"/events/{id}/edit");
        await EditAsync(client, id, ("Title", "Första ändringen"));

        var refused = await client.PostAsync($"/events/{id}/edit", new FormUrlEncodedContent(stale.FormFields("form.form").With("Title", "Andra ändringen")));

        Assert.Contains("Någon annan har ändrat händelsen", (await refused.ReadDocumentAsync()).QuerySelector(".errors")!.TextContent);
        await using var db = app.CreateDbContext();
        Assert.Equal("Första ändringen", (await db.Events.SingleAsync()).Title);
    }

    [Fact]
    public async Task Cancel_RaisesSequence_AndHeld_NeedsAPastStartAndAnAttendance()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var future = await CreateAsync(client, ljungby.Id, draft: false);
        int past;
        await using (var db = app.CreateDbContext())
        {
            var e = TestData.Event(ljungby.Id, "Vårens dialogmöte", DateTime.UtcNow.AddDays(-3));
            db.Events.Add(e);
            await db.SaveChangesAsync();
            past = e.Id;
        }

        var tooEarly = await client.PostFormAsync($"/events/{future}/held", new() { ["AttendanceCount"] = "12" });
        var noCount = await client.PostFormAsync($"/events/{past}/held", new() { ["AttendanceCount"] = "" });
        var held = await client.PostFormAsync($"/events/{past}/held", new() { ["AttendanceCount"] = "27", ["Minutes"] = "Frågor om belysning." });
        var noReason = await client.PostFormAsync($"/events/{future}/cancel", new() { ["reason"] = "  " }, $"/events/{future}/cancel");
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Skriv varför", (await noReason.ReadDocumentAsync()).QuerySelector("#reason-error")!.TextContent);
        var cancelled = await client.PostFormAsync($"/events/{future}/cancel", new() { ["reason"] = "Polisen är kallad till en insats." }, $"/events/{future}/cancel");

        Assert.Contains("inte börjat", (await tooEarly.ReadDocumentAsync()).QuerySelector(".errors")!.TextContent);
        Assert.Contains("måste anges", (await noCount.ReadDocumentAsync()).QuerySelector("#AttendanceCount-error")!.TextContent);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (held.StatusCode, cancelled.StatusCode));
        await using var check = app.CreateDbContext();
        var heldEvent = await check.Events.SingleAsync(e => e.Id == past);
        var cancelledEvent = await check.Events.SingleAsync(e => e.Id == future);
        Assert.Equal((EventStatus.Held, 27, "Frågor om belysning."), (heldEvent.Status, heldEvent.AttendanceCount!.Value, heldEvent.Minutes));
        Assert.Equal((EventStatus.Cancelled, 1, "Polisen är kallad till en insats."), (cancelledEvent.Status, cancelledEvent.CalendarSequence, cancelledEvent.CancellationReason));
        Assert.Equal("Polisen är kallad till en insats.", (await client.GetDocumentAsync($"/events/{future}")).QuerySelector("#cancellation-reason")!.TextContent);
    }

    [Fact]
    public async Task Duplicate_OpensANewDraftAWeekLater_WithTheSameFacts()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var id = await CreateAsync(client, ljungby.Id, draft: false);

        var form = await client.GetDocumentAsync($"/events/{id}/duplicate");

        Assert.Equal("Dialogmöte om centrum", form.QuerySelector("#Title")!.GetAttribute("value"));
        Assert.StartsWith($"{NextYear}-05-12T18:00", form.QuerySelector("#Start")!.GetAttribute("value"));
        Assert.Equal("checked", form.QuerySelector("#AsDraft")!.GetAttribute("checked"));
        Assert.EndsWith("/events/new", form.QuerySelector("form.form")!.GetAttribute("action"));
    }

    [Fact]
    public async Task OtherMunicipalitiesEvents_Are404_AndTaskOwners_Are403()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var id = await CreateAsync(admin, ljungby.Id, draft: false);
        var stranger = await app.SignInAsync(await app.AddUserAsync("org@alvesta.example", Roles.Organiser, alvesta.Id), TestData.Password);
        var owner = await app.SignInAsync(await app.AddUserAsync("owner@ljungby.example", Roles.TaskOwner, organisationId: (await app.AddOrganisationAsync(ljungby.Id, "Gata")).Id), TestData.Password);

        foreach (var url in new[] { $"/events/{id}", $"/events/{id}/edit", $"/events/{id}/held", $"/events/{id}/duplicate" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync(url)).StatusCode);
        }
        var cancel = await stranger.PostFormAsync($"/events/{id}/cancel", new() { ["reason"] = "Inte min" }, "/events");
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(EventStatus.Scheduled, (await db.Events.SingleAsync()).Status);
    }

    private static async Task<int> CreateAsync(HttpClient client, int municipalityId, bool draft)
    {
        var response = await client.PostFormAsync("/events/new", Form(municipalityId, $"{NextYear}-05-05T18:00", $"{NextYear}-05-05T20:00", draft: draft));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    private static async Task EditAsync(HttpClient client, int id, params (string Field, string Value)[] changes)
    {
        var page = await client.GetDocumentAsync($"/events/{id}/edit");
        var fields = page.FormFields("form.form");
        foreach (var (field, value) in changes) fields.With(field, value);
        var response = await client.PostAsync($"/events/{id}/edit", new FormUrlEncodedContent(fields));
        var errors = response.StatusCode == HttpStatusCode.OK ? (await response.ReadDocumentAsync()).QuerySelector("main")!.TextContent : "";
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, errors);
    }

    private static async Task<int> SequenceAsync(AppFactory app, int id)
    {
        await using var db = app.CreateDbContext();
        return (await db.Events.SingleAsync(e => e.Id == id)).CalendarSequence;
    }
}
