using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Walks;

/// <summary>Walk-day check-in: who may, until when, what it leaves behind, and what bad input gets.</summary>
public sealed class CheckInTests
{
    private const string Code = "KX7P2M";

    private static async Task<(AppFactory App, int WalkId)> StartAsync(string provider, DateTime? startsAtUtc = null, Dictionary<string, string?>? settings = null)
    {
        var app = await AppFactory.StartAsync(provider, settings);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id);
        await using var db = app.CreateDbContext();
        var walk = TestData.Walk(ljungby.Id, "Trygghetsvandring Replösa", startsAtUtc,
            invitations: [TestData.Invitation("anna@example.test", "Anna", RsvpStatus.Accepted)]).With(w => w.CheckInCode = Code);
        db.Events.Add(walk);
        await db.SaveChangesAsync();
        return (app, walk.Id);
    }

    private static Task<HttpResponseMessage> CheckInAsync(HttpClient client, Dictionary<string, string> fields, string code = Code) =>
        client.PostFormAsync($"/in/{code}", fields);

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CheckingIn_MakesAnAcceptedInvitation_CountedInTheProtocol_AuditedAndFoundByPrivacySearch(string provider)
    {
        var (app, walkId) = await StartAsync(provider);
        await using var _ = app;
        var phone = app.CreateBrowser();

        // Typed as people type it from paper.
        var typed = await phone.GetAsync("/in?code=kx7-p2m");
        Assert.Equal($"/in/{Code}", typed.Headers.Location!.OriginalString);

        var organisation = await CheckInAsync(phone, new() { ["Name"] = "Olle Ordning", ["Private"] = "false", ["Organisation"] = "Hyresgästföreningen" });
        Assert.Equal(HttpStatusCode.Redirect, organisation.StatusCode);
        Assert.StartsWith("/w/", organisation.Headers.Location!.OriginalString);
        // Two drop-ins without an address are two people, not one.
        foreach (var name in new[] { "Pia Privat", "Per Privat" })
            Assert.Equal(HttpStatusCode.Redirect, (await CheckInAsync(app.CreateBrowser(), new() { ["Name"] = name, ["Private"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await CheckInAsync(app.CreateBrowser(), new() { ["Name"] = "Åsa Öberg", ["Email"] = "Asa@Example.test", ["Private"] = "true" })).StatusCode);

        await using (var db = app.CreateDbContext())
        {
            var checkedIn = await db.Invitations.AsNoTracking().Where(i => i.EventId == walkId && i.CheckedInAtUtc != null).OrderBy(i => i.Id).ToListAsync();
            Assert.Equal(["Olle Ordning", "Pia Privat", "Per Privat", "Åsa Öberg"], checkedIn.Select(i => i.Name));
            Assert.All(checkedIn, i => Assert.Equal((RsvpStatus.Accepted, -1), (i.Rsvp, i.SentSequence)));
            Assert.Equal(["Hyresgästföreningen", null, null, null], checkedIn.Select(i => i.Organisation));
            Assert.Equal(["", "", "", "asa@example.test"], checkedIn.Select(i => i.NormalizedEmail));
            // The audit trail's interceptor recorded each check-in as a new invitation, by the invitation itself.
            var ids = checkedIn.Select(i => i.Id.ToString()).ToList();
            var created = await db.AuditEntries.AsNoTracking().Where(a => a.Entity == "Invitation" && a.Action == AuditAction.Created && ids.Contains(a.EntityId)).ToListAsync();
            Assert.Equal(4, created.Count);
            Assert.All(created, a => Assert.Equal((a.EntityId, (string?)null), (a.InvitationId.ToString(), a.UserId)));
            // What residents typed is logged as changed, never with its value.
            Assert.All(created, a => Assert.DoesNotContain("Hyresgästföreningen", a.Changes));
            Assert.All(created, a => Assert.DoesNotContain("Olle", a.Changes));
            // No mail: they are at the walk already, and most gave no address.
            Assert.Empty(await db.OutboxMessages.AsNoTracking().ToListAsync());
        }

        var organiser = await app.SignInAsync("org@ljungby.example", TestData.Password);
        var protocol = await organiser.GetDocumentAsync($"/walks/{walkId}/protocol");
        var text = protocol.Body!.TextContent;
        Assert.Contains("Hyresgästföreningen", text);
        Assert.DoesNotContain("Pia Privat", text);
        Assert.Contains("Privatpersoner", text);
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var search = await admin.GetDocumentAsync("/personal-data?email=asa@example.test");
        Assert.Contains("Trygghetsvandring Replösa", search.Body!.TextContent);
        var export = await admin.GetStringAsync("/personal-data/export?email=asa@example.test");
        using var json = System.Text.Json.JsonDocument.Parse(export);
        var found = json.RootElement.GetProperty("Invitations")[0];
        Assert.Equal(("Åsa Öberg", System.Text.Json.JsonValueKind.String), (found.GetProperty("Name").GetString(), found.GetProperty("CheckedInAtUtc").ValueKind));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BadInput_IsExplainedInSwedish_AndChangesNothing(string provider)
    {
        var (app, walkId) = await StartAsync(provider);
        await using var _ = app;
        var phone = app.CreateBrowser();

        var noName = await (await CheckInAsync(phone, new() { ["Name"] = " ", ["Email"] = "inte-en-adress", ["Private"] = "false" })).ReadDocumentAsync();
        Assert.Contains("Namn", noName.QuerySelector("#Name-error")!.TextContent);
        Assert.Contains("giltig e-postadress", noName.QuerySelector("#Email-error")!.TextContent);
        Assert.Contains("vilken organisation", noName.QuerySelector("#Organisation-error")!.TextContent);
        // An address already on the list does not hand out that person's link.
        var taken = await CheckInAsync(phone, new() { ["Name"] = "Någon", ["Email"] = "ANNA@example.test", ["Private"] = "true" });
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Contains("finns redan på vandringens lista", (await taken.ReadDocumentAsync()).QuerySelector("#Email-error")!.TextContent);
        var unknown = await phone.GetAsync("/in/AAAAAA");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("ingen vandring med den koden", (await unknown.ReadDocumentAsync()).QuerySelector(".errors")!.TextContent);
        var malformed = await (await phone.GetAsync("/in?code=12")).ReadDocumentAsync();
        Assert.Contains("sex tecken", malformed.QuerySelector(".errors")!.TextContent);

        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Invitations.CountAsync(i => i.EventId == walkId));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CheckIn_ClosesWhenTheOrganiserSays_AndByItselfHoursAfterTheWalk(string provider)
    {
        // Ended 3 hours ago: open under the default 6 hours, closed under 2.
        var (app, walkId) = await StartAsync(provider, DateTime.UtcNow.AddHours(-5));
        await using var _ = app;
        var organiser = await app.SignInAsync("org@ljungby.example", TestData.Password);
        Assert.NotNull((await app.CreateBrowser().GetDocumentAsync($"/in/{Code}")).QuerySelector("#Name"));

        await organiser.PostFormAsync($"/walks/{walkId}/check-in", new() { ["open"] = "false" }, $"/walks/{walkId}");
        var closed = await app.CreateBrowser().GetDocumentAsync($"/in/{Code}");
        Assert.Null(closed.QuerySelector("#Name"));
        Assert.Contains("stängd", closed.QuerySelector(".warning")!.TextContent);
        var posted = await app.CreateBrowser().PostAsync($"/in/{Code}", new FormUrlEncodedContent([new("Name", "Sen"), new("__RequestVerificationToken", "x")]));
        Assert.NotEqual(HttpStatusCode.Redirect, posted.StatusCode);
        await using (var db = app.CreateDbContext())
            Assert.Equal(1, await db.Invitations.CountAsync(i => i.EventId == walkId));

        await organiser.PostFormAsync($"/walks/{walkId}/check-in", new() { ["open"] = "true" }, $"/walks/{walkId}");
        Assert.NotNull((await app.CreateBrowser().GetDocumentAsync($"/in/{Code}")).QuerySelector("#Name"));

        await using var shortWindow = await AppFactory.StartAsync(provider, new Dictionary<string, string?> { ["Walks:CheckInClosesHoursAfterEnd"] = "2" });
        var ljungby = await shortWindow.AddMunicipalityAsync("Ljungby");
        await using (var db = shortWindow.CreateDbContext())
        {
            db.Events.Add(TestData.Walk(ljungby.Id, startsAtUtc: DateTime.UtcNow.AddHours(-5)).With(w => w.CheckInCode = Code));
            await db.SaveChangesAsync();
        }
        Assert.Null((await shortWindow.CreateBrowser().GetDocumentAsync($"/in/{Code}")).QuerySelector("#Name"));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheWalkSheet_IsTheOrganisersOwn_WithAQrCodeOfTheCheckInAddress(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider, new Dictionary<string, string?> { ["Email:PublicUrl"] = "https://dialog.test" });
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id);
        await app.AddUserAsync("org@alvesta.example", Roles.Organiser, alvesta.Id);
        int walkId;
        await using (var db = app.CreateDbContext())
        {
            var walk = TestData.Walk(ljungby.Id);
            db.Events.Add(walk);
            await db.SaveChangesAsync();
            walkId = walk.Id;
        }
        var organiser = await app.SignInAsync("org@ljungby.example", TestData.Password);
        var sheet = await organiser.GetDocumentAsync($"/walks/{walkId}/sheet");
        var code = sheet.QuerySelector("#check-in-code")!.TextContent.Trim();
        Assert.Equal(code, CheckInCodes.Normalize(code));
        Assert.Equal($"https://dialog.test/in/{code}", sheet.QuerySelector("#check-in-url")!.TextContent.Trim());
        // The same code every time the sheet is opened.
        Assert.Equal(code, (await organiser.GetDocumentAsync($"/walks/{walkId}/sheet")).QuerySelector("#check-in-code")!.TextContent.Trim());
        var png = await organiser.GetAsync(sheet.QuerySelector("img.qr")!.GetAttribute("src"));
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, (await png.Content.ReadAsByteArrayAsync()).Take(4));

        var elsewhere = await app.SignInAsync("org@alvesta.example", TestData.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/walks/{walkId}/sheet")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/walks/{walkId}/sheet/qr.png")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowser().GetAsync($"/walks/{walkId}/sheet")).StatusCode);
    }
}
