using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Photos;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Walks;

public sealed class RecordFindingTests
{
    private sealed record Walks(string TokenA, string TokenB, string MeetingToken, int WalkA, int WalkB);

    private static async Task<Walks> SeedAsync(AppFactory app)
    {
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await using var db = app.CreateDbContext();
        Event Make(EventType type, string title, string email, out Invitation invitation)
        {
            invitation = TestData.Invitation(email, "Deltagare");
            return TestData.Event(ljungby.Id, title, DateTime.UtcNow.AddHours(-1), location: "Replösa", type: type, invitations: [invitation]);
        }
        var a = Make(EventType.SafetyWalk, "Vandring Replösa", "anna@example.test", out var annaA);
        var b = Make(EventType.SafetyWalk, "Vandring Centrum", "per@example.test", out var perB);
        var meeting = Make(EventType.DialogueMeeting, "Dialogmöte", "anna@example.test", out var annaMeeting);
        db.Events.AddRange(a, b, meeting);
        await db.SaveChangesAsync();
        return new Walks(annaA.Token, perB.Token, annaMeeting.Token, a.Id, b.Id);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token, Guid clientId, string description = "Trasig lampa i gångtunneln",
        string? place = "Gångtunneln vid Replösa skola", byte[]? photo = null, string photoName = "bild.jpg")
    {
        var page = await client.GetDocumentAsync($"/w/{token}");
        var content = new MultipartFormDataContent
        {
            { new StringContent(clientId.ToString()), "ClientId" }, { new StringContent("Lighting"), "Category" },
            { new StringContent(description), "Description" }, { new StringContent(place ?? ""), "Place" },
        };
        if (photo is not null)
        {
            var part = new ByteArrayContent(photo);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(part, "Photo", photoName);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, $"/w/{token}/findings") { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Add("RequestVerificationToken", page.QuerySelector("form.finding-form input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        return await client.SendAsync(request);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task InvitationLink_AddsAFinding_ToThatWalkOnce_EvenWhenTheUploadIsRetried(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var walks = await SeedAsync(app);
        var phone = app.CreateBrowser();
        var clientId = Guid.NewGuid();

        var first = await PostAsync(phone, walks.TokenA, clientId, photo: TestPhotos.Jpeg());
        var retry = await PostAsync(phone, walks.TokenA, clientId, photo: TestPhotos.Jpeg());

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        await using var db = app.CreateDbContext();
        var finding = await db.Findings.SingleAsync();
        Assert.Equal((walks.WalkA, FindingCategory.Lighting, "Gångtunneln vid Replösa skola", "image/jpeg"), (finding.EventId, finding.Category, finding.Place, finding.PhotoContentType));
        TestPhotos.AssertClean(await phone.GetByteArrayAsync($"/w/{walks.TokenA}/findings/{finding.Id}/photo"), "the photo").Dispose();
        TestPhotos.AssertClean(await phone.GetByteArrayAsync($"/w/{walks.TokenA}/findings/{finding.Id}/photo?thumbnail=true"), "its thumbnail").Dispose();
        Assert.Contains("Trasig lampa", (await phone.GetDocumentAsync($"/w/{walks.TokenA}")).QuerySelector("#my-findings")!.TextContent);
    }

    [Fact]
    public async Task TheLink_GrantsThatWalkOnly()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var walks = await SeedAsync(app);
        var phone = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(phone, walks.TokenB, Guid.NewGuid(), photo: TestPhotos.Jpeg())).StatusCode);
        int walkBFinding;
        await using (var db = app.CreateDbContext()) walkBFinding = (await db.Findings.SingleAsync()).Id;

        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync($"/w/{walks.TokenA}/findings/{walkBFinding}/photo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync($"/w/{walks.MeetingToken}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync($"/w/{Invitation.NewToken()}")).StatusCode);
        Assert.DoesNotContain("Trasig lampa", (await phone.GetDocumentAsync($"/w/{walks.TokenA}")).QuerySelector("#my-findings")!.TextContent);
        var organiserPage = await phone.GetAsync($"/events/{walks.WalkA}");
        Assert.Equal(HttpStatusCode.Redirect, organiserPage.StatusCode);
        Assert.StartsWith("/account/login", organiserPage.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task ATextFileRenamedJpg_IsRefusedWithAClearMessage_AndNothingIsSaved()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var walks = await SeedAsync(app);

        var response = await PostAsync(app.CreateBrowser(), walks.TokenA, Guid.NewGuid(), photo: Encoding.UTF8.GetBytes("Detta är ingen bild, bara text."), photoName: "lampa.jpg");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal("Filen är inte ett foto. Använd JPEG, PNG, HEIC eller WebP.", errors.GetProperty("Photo").GetString());
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Findings.CountAsync());
    }

    [Fact]
    public async Task MissingDescriptionAndPlace_AreExplained()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var walks = await SeedAsync(app);

        var response = await PostAsync(app.CreateBrowser(), walks.TokenA, Guid.NewGuid(), description: "", place: null);

        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains("måste anges", errors.GetProperty("Description").GetString());
        Assert.Contains("telefonens position", errors.GetProperty("Place").GetString());
    }
}
