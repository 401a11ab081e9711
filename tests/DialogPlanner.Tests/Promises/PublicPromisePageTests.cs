using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Promises;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Calendar = Ical.Net.Calendar;

namespace DialogPlanner.Tests.Promises;

public sealed class PublicPromisePageTests
{
    private static readonly string[] SwedishWeekdays = ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"];

    // The app runs on the real clock, so meetings "ahead" are dated next year.
    private static readonly int NextYear = DateTime.UtcNow.Year + 1;

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PublishedPromise_ShowsFocusAreasProgressAndOnlyUpcomingOpenMeetings(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var (promiseId, municipalityId) = await ImportLjungbyAsync(app, 2024);
        var pledges = await PledgesByTextAsync(app);
        var dialogue = pledges.Values.Single(p => p.EventType == EventType.DialogueMeeting);
        var landlords = pledges.Values.Single(p => p.EventType == EventType.LandlordMeeting);
        var graffiti = pledges["Ljungby kommun ska sanera klotter och åtgärda skadegörelse skyndsamt."];
        await using (var db = app.CreateDbContext())
        {
            (await db.Pledges.SingleAsync(p => p.Id == graffiti.Id)).ManualStatus = PledgeManualStatus.InProgress;
            await db.SaveChangesAsync();
        }
        var heldMeeting = await AddEventAsync(app, municipalityId, "Dialogmöte på biblioteket", TestData.Stockholm(2024, 4, 10, 18), EventStatus.Held, pledgeId: dialogue.Id,
            minutes: "Anna Andersson tog upp nedskräpningen vid torget.");
        await AddEventAsync(app, municipalityId, "Möte med hyresvärdarna", TestData.Stockholm(2024, 5, 14, 13), EventStatus.Held, isPublic: false, pledgeId: landlords.Id,
            type: EventType.LandlordMeeting);
        var open = await AddEventAsync(app, municipalityId, "Öppet dialogmöte om tryggheten", TestData.Stockholm(NextYear, 4, 15, 18), EventStatus.Scheduled,
            location: "Ljungby stadsbibliotek, Södra Torggatan 6");
        await AddEventAsync(app, municipalityId, "Utkast till höstmöte", TestData.Stockholm(NextYear, 9, 1, 18), EventStatus.Draft);
        await AddEventAsync(app, municipalityId, "Inställt vårmöte", TestData.Stockholm(NextYear, 3, 3, 18), EventStatus.Cancelled);
        await AddEventAsync(app, municipalityId, "Internt planeringsmöte", TestData.Stockholm(NextYear, 2, 2, 9), EventStatus.Scheduled, isPublic: false);
        await using (var db = app.CreateDbContext())
        {
            db.Invitations.Add(TestData.Invitation("bertil.berg@test.example", "Bertil Berg", eventId: open));
            await db.SaveChangesAsync();
        }
        var anonymous = app.CreateBrowser();

        var before = await anonymous.GetAsync("/kommun/ljungby/2024");
        var organiser = await SignInOrganiserAsync(app, municipalityId, "ljungby@test.example");
        var publish = await organiser.PostFormAsync($"/promises/{promiseId}/publish", [], $"/promises/{promiseId}");
        var page = await anonymous.GetDocumentAsync("/kommun/ljungby/2024");

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Equal($"/promises/{promiseId}", publish.Headers.Location!.OriginalString);
        Assert.Equal("sv", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Medborgarlöfte 2024 – Ljungby", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(
            [
                "Klotter och skadegörelser har ökat",
                "Förekomsten av narkotika har ökat i samhället och sprider sig till nya platser och nya grupper",
                "Förekomst av drogpåverkade personer i offentlig miljö",
                "Bedrägeri",
                "Trafik och säker trafikmiljö",
                "Oro för inbrott och våld i samhället",
                "Kommande öppna möten",
            ],
            page.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()));
        var shownPledges = page.QuerySelectorAll("li[id^=pledge-] > p:first-child").Select(p => p.ChildNodes[0].TextContent.Trim()).ToList();
        Assert.Equal(pledges.Keys.Order(), shownPledges.Order());
        Assert.Equal("1 av 2 dialogmöten genomförda. Status: Efter", Squash(page.QuerySelector($"#pledge-{dialogue.Id} > p:last-child")!.TextContent));
        Assert.Equal("1 av 1 dialogmöten med hyresvärdar genomförda. Status: Uppfyllt", Squash(page.QuerySelector($"#pledge-{landlords.Id} > p:last-child")!.TextContent));
        Assert.Equal("Status: Pågår", Squash(page.QuerySelector($"#pledge-{graffiti.Id} > p:last-child")!.TextContent));

        var meeting = Assert.Single(page.QuerySelectorAll("section[aria-labelledby=upcoming] li"));
        Assert.Equal("Öppet dialogmöte om tryggheten", meeting.QuerySelector("h3")!.TextContent);
        var day = new DateTime(NextYear, 4, 15);
        var when = $"{SwedishWeekdays[(int)day.DayOfWeek]} 15 april {NextYear} kl. 18:00–20:00";
        Assert.Equal(["När", "Plats", "Typ"], meeting.QuerySelectorAll("dt").Select(d => d.TextContent));
        Assert.Equal([when, "Ljungby stadsbibliotek, Södra Torggatan 6", "Dialogmöte"], meeting.QuerySelectorAll("dd").Select(d => d.TextContent.Trim()));
        var link = meeting.QuerySelector("a")!;
        Assert.Equal($"/kommun/ljungby/events/{open}.ics", link.GetAttribute("href"));
        Assert.Equal($"Lägg till i kalendern: Öppet dialogmöte om tryggheten, {when}", link.TextContent);

        var html = page.DocumentElement.OuterHtml;
        foreach (var hidden in new[] { "Utkast till höstmöte", "Inställt vårmöte", "Internt planeringsmöte", "Bertil Berg", "bertil.berg@test.example", "Anna Andersson" })
            Assert.DoesNotContain(hidden, html);
        Assert.DoesNotContain($"events/{heldMeeting}.ics", html);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CalendarFile_ParsesBackWithStoredUidAndSequence_AndStockholmTimeOnTheDaylightSavingDay(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var (_, municipalityId) = await ImportLjungbyAsync(app, 2024);
        var dstDay = LastSundayOfMarch(NextYear);
        var meeting = await AddEventAsync(app, municipalityId, "Dialogmöte: trygghet i centrum, vår 🌷", TestData.Stockholm(NextYear, 3, dstDay, 10), EventStatus.Scheduled,
            location: "Stadshuset; sal 1, Olofsgatan 9", sequence: 3, description: "Kom och berätta vad du tycker.");
        string uid;
        await using (var db = app.CreateDbContext()) uid = (await db.Events.SingleAsync(e => e.Id == meeting)).CalendarUid;

        var response = await app.CreateBrowser().GetAsync($"/kommun/ljungby/events/{meeting}.ics");
        var text = await response.Content.ReadAsStringAsync();
        var calendar = Calendar.Load(text)!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("PUBLISH", calendar.Method);
        var e = Assert.Single(calendar.Events);
        Assert.Equal((uid, 3), (e.Uid, e.Sequence));
        Assert.Equal(("Dialogmöte: trygghet i centrum, vår 🌷", "Stadshuset; sal 1, Olofsgatan 9"), (e.Summary, e.Location));
        Assert.StartsWith("Kom och berätta vad du tycker.", e.Description);
        Assert.Equal("http://localhost/kommun/ljungby", e.Url!.ToString());
        Assert.Equal(("Europe/Stockholm", "Europe/Stockholm"), (e.DtStart!.TzId, e.DtEnd!.TzId));
        Assert.Equal(new DateTime(NextYear, 3, dstDay, 8, 0, 0, DateTimeKind.Utc), e.DtStart.AsUtc);
        Assert.Equal(new DateTime(NextYear, 3, dstDay, 10, 0, 0), e.DtStart.Value);
        Assert.Equal(new DateTime(NextYear, 3, dstDay, 10, 0, 0, DateTimeKind.Utc), e.DtEnd.AsUtc);
        Assert.True(e.DtStamp!.IsUtc);
        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal("Europe/Stockholm", zone.TzId);
        Assert.Contains("BEGIN:DAYLIGHT", text);
        Assert.Contains("BEGIN:STANDARD", text);
        Assert.Contains("DTSTART;TZID=Europe/Stockholm:" + $"{NextYear}03{dstDay:00}T100000", text);
        Assert.All(text.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CalendarFile_OfDraftCancelledNonPublicOrForeignEvent_IsNotFound(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var (_, ljungby) = await ImportLjungbyAsync(app, 2024);
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        var start = TestData.Stockholm(NextYear, 5, 5, 18);
        var draft = await AddEventAsync(app, ljungby, "Utkast", start, EventStatus.Draft);
        var cancelled = await AddEventAsync(app, ljungby, "Inställt", start, EventStatus.Cancelled);
        var internalMeeting = await AddEventAsync(app, ljungby, "Internt", start, EventStatus.Scheduled, isPublic: false);
        var alvestaMeeting = await AddEventAsync(app, alvesta.Id, "Alvestas möte", start, EventStatus.Scheduled);
        var client = app.CreateBrowser();

        var statuses = new List<HttpStatusCode>();
        foreach (var id in new[] { draft, cancelled, internalMeeting, alvestaMeeting })
            statuses.Add((await client.GetAsync($"/kommun/ljungby/events/{id}.ics")).StatusCode);
        var underItsOwnMunicipality = await client.GetAsync($"/kommun/alvesta/events/{alvestaMeeting}.ics");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.OK, underItsOwnMunicipality.StatusCode);
    }

    [Fact]
    public async Task OrganiserOfAnotherMunicipality_CannotPublish()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var (promiseId, ljungby) = await ImportLjungbyAsync(app, 2024);
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        var own = await SignInOrganiserAsync(app, ljungby, "ljungby@test.example");
        var foreign = await SignInOrganiserAsync(app, alvesta.Id, "alvesta@test.example");

        // The foreign organiser's token comes from a page they may see; the promise itself is not theirs.
        var publish = await foreign.PostFormAsync($"/promises/{promiseId}/publish", [], "/promises");
        await own.PostFormAsync($"/promises/{promiseId}/publish", [], $"/promises/{promiseId}");
        var unpublish = await foreign.PostFormAsync($"/promises/{promiseId}/unpublish", [], "/promises");
        var anonymous = await app.CreateBrowser().PostAsync($"/promises/{promiseId}/publish", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.NotFound, publish.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unpublish.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
        await using var db = app.CreateDbContext();
        Assert.NotNull((await db.CitizenPromises.SingleAsync()).PublishedAtUtc);
    }

    [Fact]
    public async Task MunicipalityAddress_LeadsToTheNewestPublishedYear_AndUnpublishingHidesThePage()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var (first, ljungby) = await ImportLjungbyAsync(app, 2024);
        var (second, _) = await ImportLjungbyAsync(app, 2025);
        var organiser = await SignInOrganiserAsync(app, ljungby, "ljungby@test.example");
        var anonymous = app.CreateBrowser();

        var noneYet = await anonymous.GetAsync("/kommun/ljungby");
        await organiser.PostFormAsync($"/promises/{first}/publish", [], $"/promises/{first}");
        var onlyFirst = await anonymous.GetAsync("/kommun/ljungby");
        var secondHidden = await anonymous.GetAsync("/kommun/ljungby/2025");
        await organiser.PostFormAsync($"/promises/{second}/publish", [], $"/promises/{second}");
        var both = await anonymous.GetAsync("/kommun/Ljungby");
        var dashboard = await organiser.GetDocumentAsync($"/promises/{second}");
        await organiser.PostFormAsync($"/promises/{second}/unpublish", [], $"/promises/{second}");
        var afterUnpublish = await anonymous.GetAsync("/kommun/ljungby");
        var secondGone = await anonymous.GetAsync("/kommun/ljungby/2025");
        var unknown = await anonymous.GetAsync("/kommun/atlantis");

        Assert.Equal(HttpStatusCode.NotFound, noneYet.StatusCode);
        Assert.Equal("/kommun/ljungby/2024", onlyFirst.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, secondHidden.StatusCode);
        Assert.Equal("/kommun/ljungby/2025", both.Headers.Location!.OriginalString);
        Assert.Equal("http://localhost/kommun/ljungby/2025", dashboard.QuerySelector("#publishing a")!.GetAttribute("href"));
        Assert.Equal("Avpublicera", dashboard.QuerySelector("#publishing button")!.TextContent.Trim());
        Assert.Equal("/kommun/ljungby/2024", afterUnpublish.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, secondGone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static async Task<(int PromiseId, int MunicipalityId)> ImportLjungbyAsync(AppFactory app, int year)
    {
        var read = PromiseTemplateReader.Read(File.ReadAllBytes(Repo.PathOf("templates", "promises", "ljungby-2024.json")));
        Assert.True(read.Ok, string.Join("\n", read.Errors));
        using var scope = app.Services.CreateScope();
        var summary = await scope.ServiceProvider.GetRequiredService<PromiseImporter>().ImportAsync(read.Template! with { Year = year, Title = $"Medborgarlöfte {year}" }, replace: false);
        await using var db = app.CreateDbContext();
        return (summary.PromiseId, (await db.CitizenPromises.SingleAsync(p => p.Id == summary.PromiseId)).MunicipalityId);
    }

    private static async Task<Dictionary<string, Pledge>> PledgesByTextAsync(AppFactory app)
    {
        await using var db = app.CreateDbContext();
        return await db.Pledges.AsNoTracking().ToDictionaryAsync(p => p.Text);
    }

    private static async Task<int> AddEventAsync(AppFactory app, int municipalityId, string title, DateTime startUtc, EventStatus status,
        bool isPublic = true, int? pledgeId = null, EventType type = EventType.DialogueMeeting, string location = "Ljungby", int sequence = 0, string? description = null, string? minutes = null)
    {
        await using var db = app.CreateDbContext();
        var e = TestData.Event(municipalityId, title, startUtc, location: location, type: type, status: status, isPublic: isPublic).With(ev =>
            (ev.PledgeId, ev.CalendarSequence, ev.Description, ev.Minutes) = (pledgeId, sequence, description, minutes));
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e.Id;
    }

    private static async Task<HttpClient> SignInOrganiserAsync(AppFactory app, int municipalityId, string email) =>
        await app.SignInAsync(await app.AddUserAsync(email, Roles.Organiser, municipalityId), TestData.Password);

    private static int LastSundayOfMarch(int year)
    {
        var day = new DateTime(year, 3, 31);
        while (day.DayOfWeek != DayOfWeek.Sunday) day = day.AddDays(-1);
        return day.Day;
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
