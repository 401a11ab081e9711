using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Photos;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Walks;

/// <summary>A signed-in participant reaches the walks they are invited to, and only those.</summary>
public sealed class ParticipantWalkTests
{
    private const string Anna = "anna.andersson@example.test";

    private sealed record Seeded(int Mine, int MyInvitation, int Others, int Removed, int Cancelled, int Meeting);

    private static async Task<Seeded> SeedAsync(AppFactory app)
    {
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await using var db = app.CreateDbContext();
        Event Make(EventType type, string title, Invitation invitation, EventStatus status = EventStatus.Scheduled) =>
            TestData.Event(ljungby.Id, title, DateTime.UtcNow.AddHours(-1), location: "Replösa", type: type, status: status, invitations: [invitation]);
        // The organiser typed Anna's address with capitals: it is still hers.
        var myInvitation = TestData.Invitation("Anna.Andersson@Example.TEST", "Anna");
        var mine = Make(EventType.SafetyWalk, "Vandring Replösa", myInvitation);
        var others = Make(EventType.SafetyWalk, "Vandring Centrum", TestData.Invitation("per@example.test"));
        var removed = Make(EventType.SafetyWalk, "Vandring Bolmen", TestData.Invitation(Anna, removedAtUtc: DateTime.UtcNow));
        var cancelled = Make(EventType.SafetyWalk, "Vandring Lagan", TestData.Invitation(Anna), EventStatus.Cancelled);
        var meeting = Make(EventType.DialogueMeeting, "Dialogmöte Ljungby", TestData.Invitation(Anna));
        db.Events.AddRange(mine, others, removed, cancelled, meeting);
        await db.SaveChangesAsync();
        return new Seeded(mine.Id, myInvitation.Id, others.Id, removed.Id, cancelled.Id, meeting.Id);
    }

    private static async Task<HttpClient> SignInAnnaAsync(AppFactory app)
    {
        await app.AddUserAsync(Anna, Roles.Participant);
        return await app.SignInAsync(Anna, TestData.Password);
    }

    private static async Task<HttpResponseMessage> PostFindingAsync(HttpClient client, int walkId, Guid clientId, string latitude, string longitude,
        byte[]? photo = null, bool json = true, string tokenPage = "")
    {
        var page = await client.GetDocumentAsync(tokenPage is "" ? $"/walks/{walkId}/record" : tokenPage);
        var content = new MultipartFormDataContent
        {
            { new StringContent(clientId.ToString()), "ClientId" }, { new StringContent("Vegetation"), "Category" },
            { new StringContent("Buskaget skymmer gångvägen"), "Description" }, { new StringContent(""), "Place" },
            { new StringContent(latitude), "Latitude" }, { new StringContent(longitude), "Longitude" },
            // Any form's token: a closed walk's page has no finding form, but a phone's queue still holds the token it had.
            { new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        if (photo is not null)
        {
            var part = new ByteArrayContent(photo);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(part, "Photo", "buskar.jpg");
        }
        var request = new HttpRequestMessage(HttpMethod.Post, $"/walks/{walkId}/record/findings") { Content = content };
        if (json) request.Headers.Accept.ParseAdd("application/json");
        return await client.SendAsync(request);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Participant_SigningIn_LandsOnMyWalks_WithTheWalksTheyAreInvitedTo(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        await SeedAsync(app);
        await app.AddUserAsync(Anna, Roles.Participant);
        var client = app.CreateBrowser();

        var signIn = await client.PostFormAsync("/account/login", new() { ["Email"] = Anna, ["Password"] = TestData.Password });
        var page = await client.GetDocumentAsync(signIn.Headers.Location!.OriginalString);

        Assert.Equal("/my-walks", signIn.Headers.Location.OriginalString);
        Assert.Equal(["Vandring Replösa"], page.QuerySelectorAll("ul.walks a").Select(a => a.FirstChild!.TextContent.Trim()));
        Assert.Contains("Mina vandringar", page.QuerySelector("nav")!.TextContent);
    }

    [Fact]
    public async Task Organiser_SigningIn_StillLandsOnTheStartPage()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var signIn = await app.CreateBrowser().PostFormAsync("/account/login", new() { ["Email"] = AppFactory.AdminEmail, ["Password"] = AppFactory.AdminPassword });
        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Participant_RecordsAFinding_WithTheSameRecorder_OnceEvenWhenRetried(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var walks = await SeedAsync(app);
        var client = await SignInAnnaAsync(app);
        var clientId = Guid.NewGuid();

        var recorder = await client.GetDocumentAsync($"/walks/{walks.Mine}/record");
        var first = await PostFindingAsync(client, walks.Mine, clientId, "56.833300", "13.933300", TestPhotos.Jpeg());
        var retry = await PostFindingAsync(client, walks.Mine, clientId, "56.833300", "13.933300", TestPhotos.Jpeg());

        Assert.Equal($"/walks/{walks.Mine}/record/findings", recorder.QuerySelector("form.finding-form")!.GetAttribute("data-queue-url"));
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        await using var db = app.CreateDbContext();
        var annaId = await db.Users.Where(u => u.Email == Anna).Select(u => u.Id).SingleAsync();
        var finding = await db.Findings.SingleAsync();
        Assert.Equal((walks.Mine, annaId, walks.MyInvitation, FindingCategory.Vegetation), (finding.EventId, finding.ReportedByUserId, finding.ReportedByInvitationId, finding.Category));
        Assert.Equal(56.8333, finding.Latitude!.Value, 4);
        Assert.Equal(13.9333, finding.Longitude!.Value, 4);
        var mine = (await client.GetDocumentAsync($"/walks/{walks.Mine}/record")).QuerySelector("#my-findings")!;
        Assert.Contains("Buskaget skymmer", mine.TextContent);
        var photoUrl = mine.QuerySelector("a")!.GetAttribute("href")!;
        Assert.Equal($"/walks/{walks.Mine}/record/findings/{finding.Id}/photo", photoUrl);
        TestPhotos.AssertClean(await client.GetByteArrayAsync(photoUrl), "the photo").Dispose();
    }

    [Fact]
    public async Task APlainFormPost_WithASwedishDecimalComma_KeepsThePosition()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var walks = await SeedAsync(app);
        var client = await SignInAnnaAsync(app);

        var response = await PostFindingAsync(client, walks.Mine, Guid.NewGuid(), "56,8333", "13,9333", json: false);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/walks/{walks.Mine}/record", response.Headers.Location!.OriginalString);
        await using var db = app.CreateDbContext();
        var finding = await db.Findings.SingleAsync();
        Assert.Equal((56.8333, 13.9333), (finding.Latitude, finding.Longitude));
    }

    [Fact]
    public async Task Participant_SeesNothingElse_OtherWalksAreNotFound_OrganiserPagesForbidden()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var walks = await SeedAsync(app);
        var client = await SignInAnnaAsync(app);
        int othersFinding;
        await using (var db = app.CreateDbContext())
        {
            db.Findings.Add(TestData.Finding(walks.Others, FindingCategory.Litter, "Pers fynd", "Torget").With(f => f.PhotoPath = "x.jpg"));
            await db.SaveChangesAsync();
            othersFinding = (await db.Findings.SingleAsync()).Id;
        }

        foreach (var walk in new[] { walks.Others, walks.Removed, walks.Meeting })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/walks/{walk}/record")).StatusCode);
            var post = await PostFindingAsync(client, walk, Guid.NewGuid(), "56.8", "13.9", tokenPage: $"/walks/{walks.Mine}/record");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/walks/{walks.Others}/record/findings/{othersFinding}/photo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/walks/{walks.Mine}/record/findings/{othersFinding}/photo")).StatusCode);
        foreach (var organiserPage in new[] { $"/walks/{walks.Mine}", $"/events/{walks.Mine}", "/events", "/promises", "/contacts", "/tasks" })
            Assert.Equal((organiserPage, HttpStatusCode.Forbidden), (organiserPage, (await client.GetAsync(organiserPage)).StatusCode));

        await using var check = app.CreateDbContext();
        Assert.Equal(1, await check.Findings.CountAsync());
    }

    [Fact]
    public async Task Participant_ChecksOffACarriedFinding_OnTheirWalkOnly()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var walks = await SeedAsync(app);
        var client = await SignInAnnaAsync(app);
        int mineCarried, othersCarried;
        await using (var db = app.CreateDbContext())
        {
            var earlier = TestData.Finding(walks.Others, FindingCategory.Lighting, "Släckt lampa");
            db.Findings.Add(earlier);
            await db.SaveChangesAsync();
            var carried = TestData.Finding(walks.Mine, FindingCategory.Lighting, "Släckt lampa").With(f => f.CarriedFromFindingId = earlier.Id);
            var notHers = TestData.Finding(walks.Others, FindingCategory.Lighting, "Släckt lampa").With(f => f.CarriedFromFindingId = earlier.Id);
            db.Findings.AddRange(carried, notHers);
            await db.SaveChangesAsync();
            (mineCarried, othersCarried) = (carried.Id, notHers.Id);
        }

        var page = await client.GetDocumentAsync($"/walks/{walks.Mine}/record");
        Assert.Equal($"/walks/{walks.Mine}/record/findings/{mineCarried}/check", page.QuerySelector($"#check-{mineCarried} form")!.GetAttribute("action"));
        var fixedIt = await client.PostFormAsync($"/walks/{walks.Mine}/record/findings/{mineCarried}/check", new() { ["result"] = "Fixed" }, $"/walks/{walks.Mine}/record");
        var elsewhere = await client.PostFormAsync($"/walks/{walks.Others}/record/findings/{othersCarried}/check", new() { ["result"] = "Fixed" }, $"/walks/{walks.Mine}/record");
        var wrongWalk = await client.PostFormAsync($"/walks/{walks.Mine}/record/findings/{othersCarried}/check", new() { ["result"] = "Fixed" }, $"/walks/{walks.Mine}/record");

        Assert.Equal(HttpStatusCode.Redirect, fixedIt.StatusCode);
        Assert.Equal($"/walks/{walks.Mine}/record#checklist", fixedIt.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongWalk.StatusCode);
        await using var check = app.CreateDbContext();
        Assert.Equal(FindingTriage.NoAction, (await check.Findings.SingleAsync(f => f.Id == mineCarried)).Triage);
        Assert.Equal(FindingTriage.Open, (await check.Findings.SingleAsync(f => f.Id == othersCarried)).Triage);
    }

    [Fact]
    public async Task ACancelledWalk_IsNotListed_AndTakesNoFindings()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var walks = await SeedAsync(app);
        var client = await SignInAnnaAsync(app);

        var list = await client.GetStringAsync("/my-walks");
        var post = await PostFindingAsync(client, walks.Cancelled, Guid.NewGuid(), "56.8", "13.9");

        Assert.DoesNotContain("Vandring Lagan", list);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        var errors = JsonDocument.Parse(await post.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("Vandringen är inställd, så den tar inte emot några iakttagelser.", errors.GetProperty("").GetString());
        var page = await client.GetDocumentAsync($"/walks/{walks.Cancelled}/record");
        Assert.NotNull(page.QuerySelector("#recording-closed"));
        Assert.Null(page.QuerySelector("form.finding-form"));
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Findings.CountAsync());
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var walks = await SeedAsync(app);
        foreach (var url in new[] { "/my-walks", $"/walks/{walks.Mine}/record" })
        {
            var response = await app.CreateBrowser().GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
        }
    }
}
