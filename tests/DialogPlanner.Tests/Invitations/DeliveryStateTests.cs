using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Invitations;

/// <summary>What the organiser sees of each invitee's mail on the invitees page, driven through the real pages and a real SMTP server.</summary>
public sealed class DeliveryStateTests
{
    private static readonly string[] Invitees = ["maria@bostader.example", "johan@lagastrand.example", "karin@posten.example", "per@example.test"];

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ServerDown_SchedulingQueues_PageShowsQueued_ThenEveryInviteeGetsOneMail_AndPageShowsSent(string provider)
    {
        var port = TestSmtpServer.FreePort(); // nothing listens here yet
        await using var app = await AppFactory.StartAsync(provider, OutboxTestKit.Smtp(port));
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var groupId = await AddGroupAsync(app, ljungby.Id, ("Maria Bergström", Invitees[0]), ("Johan Nilsson", Invitees[1]));
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        // A draft first (the form's default), with its invitees: nothing is sent for a draft.
        var id = await CreateDraftAsync(organiser, "Dialogmöte om centrum");
        var invite = await organiser.GetDocumentAsync($"/events/{id}/invitees");
        var added = await organiser.PostAsync($"/events/{id}/invitees", new FormUrlEncodedContent(invite.FormFields("form.form")
            .Append(new("GroupIds", groupId.ToString())).ToList().With("Addresses", $"Karin Åberg <{Invitees[2]}>\n{Invitees[3]}")));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Empty(await app.OutboxAsync());
        Assert.All(Cells(await organiser.GetDocumentAsync($"/events/{id}/invitees")), c => Assert.Contains("Inget skickat", c.Text));

        // Scheduling answers at once although the mail server is down: it only writes outbox rows.
        var edit = await organiser.GetDocumentAsync($"/events/{id}/edit");
        var fields = edit.FormFields("form.form");
        fields.RemoveAll(f => f.Key == "AsDraft" && f.Value == "true");
        var scheduled = await organiser.PostAsync($"/events/{id}/edit", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var waiting = await app.WaitForOutboxAsync(r => r.Count == 4 && r.All(m => m.Attempts >= 1), "a failed try of each message");
        Assert.All(waiting, m => Assert.Equal(OutboxStatus.Queued, m.Status));
        var queuedPage = await organiser.GetDocumentAsync($"/events/{id}/invitees");
        Assert.Equal(Invitees.Order(), Cells(queuedPage).Select(c => c.Email).Order());
        Assert.All(Cells(queuedPage), c => Assert.Contains("Inbjudan: I kö", c.Text));
        Assert.All(Cells(queuedPage), c => Assert.Contains("Försök hittills:", c.Text));
        Assert.Contains("E-post i kö: 4", queuedPage.QuerySelector("#delivery-totals")!.TextContent);

        await using var smtp = await TestSmtpServer.StartAsync(port);
        await app.WaitForOutboxAsync(r => r.All(m => m.Status == OutboxStatus.Sent), "every message Sent");
        await Task.Delay(500); // room for a duplicate to show up, were there one

        var perRecipient = smtp.Received.GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Invitees.Order(), perRecipient.Keys.Order());
        Assert.All(perRecipient, r => Assert.Equal(1, r.Value));
        var sentPage = await organiser.GetDocumentAsync($"/events/{id}/invitees");
        Assert.All(Cells(sentPage), c => Assert.Contains("Inbjudan: Skickat", c.Text));
        Assert.All(Cells(sentPage), c => Assert.DoesNotContain("I kö", c.Text));
        Assert.Contains("Skickade: 4", sentPage.QuerySelector("#delivery-totals")!.TextContent);
    }

    [Fact]
    public async Task RecipientRefused_PageShowsFailedWithTheServersReason_AndResendDeliversItOnceTheServerTakesIt()
    {
        await using var refusing = await TestSmtpServer.StartAsync(rejected: "okand@example.test");
        await using var app = await AppFactory.StartAsync("Sqlite", OutboxTestKit.Smtp(refusing.Port));
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        var id = await AddScheduledEventAsync(app, ljungby.Id);

        await organiser.PostFormAsync($"/events/{id}/invitees", new() { ["Addresses"] = "anna@example.test, okand@example.test" });
        await app.WaitForOutboxAsync(r => r.Count == 2 && r.All(m => m.Status != OutboxStatus.Queued), "both messages Sent or Failed");

        var page = await organiser.GetDocumentAsync($"/events/{id}/invitees");
        var failed = Cells(page).Single(c => c.Email == "okand@example.test");
        Assert.Contains("Misslyckades", failed.Text);
        Assert.Contains("550 5.1.1 User unknown", failed.Text);
        Assert.Contains("Skickat", Cells(page).Single(c => c.Email == "anna@example.test").Text);
        var resend = failed.Row.QuerySelector("form[action$='/resend']")!;
        Assert.Equal("Skicka igen till okand@example.test", resend.QuerySelector("button")!.GetAttribute("aria-label"));
        Assert.Null(Cells(page).Single(c => c.Email == "anna@example.test").Row.QuerySelector("form[action$='/resend']"));

        // The mailbox now exists: the organiser sends the mail again, and it arrives once.
        await refusing.DisposeAsync();
        await using var smtp = await TestSmtpServer.StartAsync(refusing.Port);
        var response = await organiser.PostAsync(resend.GetAttribute("action"), new FormUrlEncodedContent(page.FormFields($"form[action='{resend.GetAttribute("action")}']")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var rows = await app.WaitForOutboxAsync(r => r.All(m => m.Status == OutboxStatus.Sent), "the resent message Sent");

        Assert.Equal(["okand@example.test"], smtp.Received.Select(m => m.To.Mailboxes.Single().Address));
        Assert.Equal(2, rows.Count); // the same row went again; nothing was rebuilt
        Assert.Contains("Skickat", Cells(await organiser.GetDocumentAsync($"/events/{id}/invitees")).Single(c => c.Email == "okand@example.test").Text);
    }

    [Fact]
    public async Task Resend_OnlyForTheEventsOwnMunicipality_OnlyOrganisers_AndOnlyAFailedMessage()
    {
        await using var refusing = await TestSmtpServer.StartAsync(rejected: "okand@example.test");
        await using var app = await AppFactory.StartAsync("Sqlite", OutboxTestKit.Smtp(refusing.Port));
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        var stranger = await app.SignInAsync(await app.AddUserAsync("org@alvesta.example", Roles.Organiser, alvesta.Id), TestData.Password);
        var owner = await app.SignInAsync(await app.AddUserAsync("owner@ljungby.example", Roles.TaskOwner,
            organisationId: (await app.AddOrganisationAsync(ljungby.Id, "Gata")).Id), TestData.Password);
        var id = await AddScheduledEventAsync(app, ljungby.Id);
        await organiser.PostFormAsync($"/events/{id}/invitees", new() { ["Addresses"] = "anna@example.test, okand@example.test" });
        var before = await app.WaitForOutboxAsync(r => r.Count == 2 && r.All(m => m.Status != OutboxStatus.Queued), "both messages Sent or Failed");
        await using var db = app.CreateDbContext();
        var invitations = await db.Invitations.Where(i => i.EventId == id).ToDictionaryAsync(i => i.Email, i => i.Id);
        var failedUrl = $"/events/{id}/invitees/{invitations["okand@example.test"]}/resend";
        var sentUrl = $"/events/{id}/invitees/{invitations["anna@example.test"]}/resend";

        var byStranger = await stranger.PostFormAsync(failedUrl, new(), "/");
        var byOwner = await owner.PostFormAsync(failedUrl, new(), "/");
        var anonymous = await app.CreateBrowser().PostAsync(failedUrl, new FormUrlEncodedContent([]));
        var otherEvent = await AddScheduledEventAsync(app, ljungby.Id);
        var wrongEvent = await organiser.PostFormAsync($"/events/{otherEvent}/invitees/{invitations["okand@example.test"]}/resend", new(), $"/events/{id}/invitees");
        var notFailed = await organiser.PostFormAsync(sentUrl, new(), $"/events/{id}/invitees");

        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, wrongEvent.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, notFailed.StatusCode);
        var notice = await organiser.GetDocumentAsync($"/events/{id}/invitees");
        Assert.Contains("har inte misslyckats", notice.Body!.TextContent);
        var after = await app.OutboxAsync();
        Assert.Equal(before.Select(r => (r.Id, r.Status, r.Attempts, r.LastError)), after.Select(r => (r.Id, r.Status, r.Attempts, r.LastError)));
        Assert.Single(refusing.Received);
    }

    private sealed record DeliveryCell(string Email, string Text, IElement Row);

    private static List<DeliveryCell> Cells(IHtmlDocument page) => page.QuerySelectorAll("table.invitees tbody tr")
        .Select(r => new DeliveryCell(r.QuerySelector("td[data-label='E-post']")!.TextContent.Trim(),
            string.Join(' ', r.QuerySelector("td.delivery")!.TextContent.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)), r))
        .ToList();

    private static async Task<int> CreateDraftAsync(HttpClient organiser, string title)
    {
        var form = await organiser.GetDocumentAsync("/events/new");
        var response = await organiser.PostAsync("/events/new", new FormUrlEncodedContent(form.FormFields("form.form")
            .With("Title", title).With("Location", "Biblioteket, Ljungby")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    private static async Task<int> AddGroupAsync(AppFactory app, int municipalityId, params (string Name, string Email)[] members)
    {
        await using var db = app.CreateDbContext();
        var group = new ContactGroup { MunicipalityId = municipalityId, Name = "Hyresvärdar" };
        db.AddRange(members.Select(m => TestData.Contact(municipalityId, m.Name, m.Email, groups: [group])));
        await db.SaveChangesAsync();
        return group.Id;
    }

    private static async Task<int> AddScheduledEventAsync(AppFactory app, int municipalityId)
    {
        await using var db = app.CreateDbContext();
        var start = DateTime.UtcNow.Date.AddDays(30).AddHours(16);
        var e = TestData.Walk(municipalityId, "Trygghetsvandring i Replösa", start, location: "Replösa skola");
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e.Id;
    }
}
