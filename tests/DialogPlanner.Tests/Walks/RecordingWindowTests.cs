using System.Net;
using System.Text.Json;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Walks;

/// <summary>Recording on a walk closes Walks:RecordingClosesDaysAfter days after it (at once when cancelled); the links then take nothing more.</summary>
public sealed class RecordingWindowTests
{
    /// <summary>A finding from the phone's queue, with the form token any page of the link carries.</summary>
    private static async Task<HttpResponseMessage> PostFindingAsync(HttpClient phone, string token, string description = "Buskaget skymmer gångvägen")
    {
        var page = await phone.GetAsync($"/w/{token}");
        var document = await page.ReadDocumentAsync();
        var form = document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var content = new MultipartFormDataContent
        {
            { new StringContent(Guid.NewGuid().ToString()), "ClientId" }, { new StringContent("Vegetation"), "Category" },
            { new StringContent(description), "Description" }, { new StringContent("Parken"), "Place" },
            { new StringContent(form), "__RequestVerificationToken" },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/w/{token}/findings") { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        return await phone.SendAsync(request);
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").GetProperty("").GetString()!;

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RecorderLink_TakesFindingsUntilRecordingCloses_ThenSaysSoAndStoresNothing(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider, new Dictionary<string, string?> { ["Walks:RecordingClosesDaysAfter"] = "3" });
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var recent = TestData.Invitation("anna@example.test", "Anna");
        var old = TestData.Invitation("per@example.test", "Per");
        var cancelled = TestData.Invitation("eva@example.test", "Eva");
        await using (var db = app.CreateDbContext())
        {
            db.Events.AddRange(
                TestData.Walk(ljungby.Id, "Vandring i förrgår", DateTime.UtcNow.AddDays(-2), status: EventStatus.Held, invitations: [recent]),
                TestData.Walk(ljungby.Id, "Vandring för fyra dagar sedan", DateTime.UtcNow.AddDays(-4), status: EventStatus.Held, invitations: [old]),
                TestData.Walk(ljungby.Id, "Inställd vandring", DateTime.UtcNow.AddDays(5), status: EventStatus.Cancelled, invitations: [cancelled]));
            await db.SaveChangesAsync();
        }
        var phone = app.CreateBrowser();

        Assert.Equal(HttpStatusCode.Created, (await PostFindingAsync(phone, recent.Token)).StatusCode);

        var closed = await PostFindingAsync(phone, old.Token);
        Assert.Equal(HttpStatusCode.BadRequest, closed.StatusCode);
        Assert.StartsWith("Registreringen för vandringen stängdes", await ErrorOf(closed));
        var page = await phone.GetDocumentAsync($"/w/{old.Token}");
        Assert.Null(page.QuerySelector("form.finding-form"));
        Assert.Contains("Registreringen för vandringen stängdes", page.QuerySelector("#recording-closed")!.TextContent);
        var english = await phone.GetDocumentAsync($"/w/{old.Token}?culture=en");
        Assert.Contains("Recording for this walk closed on", english.QuerySelector("#recording-closed")!.TextContent);

        var off = await PostFindingAsync(phone, cancelled.Token);
        Assert.Equal(HttpStatusCode.BadRequest, off.StatusCode);
        Assert.Equal("Vandringen är inställd, så den tar inte emot några iakttagelser.", await ErrorOf(off));

        await using var check = app.CreateDbContext();
        Assert.Equal(["Vandring i förrgår"], await check.Findings.Select(f => f.Event.Title).ToListAsync());
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CarriedCheck_ChangesOnlyOpenFindings_AndOnlyWhileRecordingIsOpen(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var invitation = TestData.Invitation("anna@example.test", "Anna");
        int rewalkId, first, second;
        await using (var db = app.CreateDbContext())
        {
            var task = TestData.Task(ljungby.Id, street.Id, "Byt armatur", FollowUpStatus.InProgress, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)));
            var earlier = TestData.Walk(ljungby.Id, "Vandring i våras", DateTime.UtcNow.AddDays(-180), status: EventStatus.Held);
            var rewalk = TestData.Walk(ljungby.Id, "Uppföljande vandring", DateTime.UtcNow.AddHours(-1), invitations: [invitation]);
            db.AddRange(task, earlier, rewalk);
            await db.SaveChangesAsync();
            var lamp = TestData.Finding(earlier.Id, FindingCategory.Lighting, "Trasig lampa", "Gångtunneln", task: task);
            var bush = TestData.Finding(earlier.Id, FindingCategory.Vegetation, "Buskar", "Parken", task: task);
            db.Findings.AddRange(lamp, bush);
            await db.SaveChangesAsync();
            var copies = new[] { lamp, bush }.Select(f => TestData.Finding(rewalk.Id, f.Category, f.Description, f.Place).With(c => c.CarriedFromFindingId = f.Id)).ToList();
            db.Findings.AddRange(copies);
            await db.SaveChangesAsync();
            (rewalkId, first, second) = (rewalk.Id, copies[0].Id, copies[1].Id);
        }
        var phone = app.CreateBrowser();
        var url = $"/w/{invitation.Token}";
        Assert.Equal(HttpStatusCode.Redirect, (await phone.PostFormAsync($"{url}/findings/{first}/check", new() { ["result"] = "Fixed" }, url)).StatusCode);

        // Checked once, it is no longer open: a second, late tap ("Kvarstår") changes nothing and the page says why.
        var again = await phone.PostFormAsync($"{url}/findings/{first}/check", new() { ["result"] = "Remains" }, url);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("Iakttagelsen har redan behandlats", (await phone.GetDocumentAsync(url)).Body!.TextContent);
        Assert.Null((await phone.GetDocumentAsync(url)).QuerySelector($"#check-{first} form"));

        // After recording closes nothing can be checked, on the phone or by the organiser.
        await using (var db = app.CreateDbContext())
        {
            var rewalk = await db.Events.SingleAsync(e => e.Id == rewalkId);
            (rewalk.StartsAtUtc, rewalk.EndsAtUtc, rewalk.Status) = (DateTime.UtcNow.AddDays(-30), DateTime.UtcNow.AddDays(-30).AddHours(2), EventStatus.Held);
            await db.SaveChangesAsync();
        }
        var closedPage = await phone.GetDocumentAsync(url);
        Assert.NotNull(closedPage.QuerySelector("#checklist-closed"));
        Assert.Null(closedPage.QuerySelector($"#check-{second} form"));
        Assert.Equal(HttpStatusCode.Redirect, (await phone.PostFormAsync($"{url}/findings/{second}/check", new() { ["result"] = "Fixed" }, url)).StatusCode);
        var organiser = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect,
            (await organiser.PostFormAsync($"/walks/{rewalkId}/findings/{second}/check", new() { ["result"] = "Fixed" }, $"/walks/{rewalkId}")).StatusCode);

        await using var check = app.CreateDbContext();
        var findings = await check.Findings.Where(f => f.EventId == rewalkId).ToDictionaryAsync(f => f.Id, f => f.Triage);
        Assert.Equal(FindingTriage.NoAction, findings[first]);
        Assert.Equal(FindingTriage.Open, findings[second]);
    }
}
