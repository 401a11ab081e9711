using System.Net;
using AngleSharp.Html.Parser;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace DialogPlanner.Tests.Walks;

public sealed class WalkFeedbackTests
{
    private static readonly string[] Participants =
        [WalkMailWorld.ReporterEmail, "maria@bostader.example", "rapportor@posten.example"];

    private static DateOnly Today => StockholmTime.Today(TimeProvider.System);

    private static bool IsFeedback(MimeMessage m) => m.Subject is { } s && (s.StartsWith("Återkoppling:") || s.StartsWith("Feedback:"));

    private static async Task<List<Web.Mail.OutboxMessage>> FeedbackRowsAsync(WalkMailWorld w) =>
        (await w.App.OutboxAsync()).Where(m => m.Kind == WalkFeedback.Kind).ToList();

    private static async Task CloseAsync(HttpClient owner, int taskId, string status = "Done", string note = "Ny armatur på plats")
    {
        var page = await owner.GetDocumentAsync($"/tasks/{taskId}");
        var response = await owner.PostAsync($"/tasks/{taskId}", new FormUrlEncodedContent(page.FormFields("form.form").With("Status", status).With("Note", note)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WhenTheLastTaskCloses_EveryParticipantGetsFeedbackOnce(string provider)
    {
        await using var w = await WalkMailWorld.StartAsync(provider);
        var lamp = await w.AddTaskAsync(w.StreetId, FollowUpStatus.Assigned, Today.AddDays(10), w.Findings[0]);
        var wall = await w.AddTaskAsync(w.PoliceId, FollowUpStatus.InProgress, Today.AddDays(10), w.Findings[2]);
        await w.MarkNoActionAsync(w.Findings[1], "Städas redan varje måndag");

        await CloseAsync(await w.OwnerAsync("gata1@ljungby.example"), lamp);
        Assert.Empty(await FeedbackRowsAsync(w)); // the graffiti task is still open
        await CloseAsync(await w.OwnerAsync("polis@ljungby.example"), wall, "NotOurs", "Fastighetsägarens mur");

        var rows = await FeedbackRowsAsync(w);
        // Not the declined invitee nor the one taken off the list; but the removed one who reported a finding.
        Assert.Equal(Participants.Order(), rows.Select(r => r.ToAddress).Order());
        var received = await Eventually.UntilAsync(() => Task.FromResult(w.Smtp.Received.Where(IsFeedback).ToList()), r => r.Count >= 3, "three feedback mails");
        var karin = received.Single(m => WalkMailWorld.Recipient(m) == WalkMailWorld.ReporterEmail);
        Assert.Equal("Återkoppling: Vandring Replösa", karin.Subject);
        Assert.Contains($"{WalkMailWorld.BaseUrl}/kommun/ljungby/vandringar/{w.WalkId}", karin.TextBody);
        Assert.Contains("Trasig lampa (Gångtunneln) – du rapporterade detta", karin.TextBody);
        Assert.Contains("Resultat: Ny armatur på plats", karin.TextBody);
        var maria = received.Single(m => WalkMailWorld.Recipient(m) == "maria@bostader.example");
        Assert.Equal("Feedback: Vandring Replösa", maria.Subject);
        Assert.Contains("Status: Not ours", maria.TextBody);
        Assert.DoesNotContain("du rapporterade", maria.TextBody);

        // Once only: reopening and closing again, and the button, send nothing more.
        var owner = await w.OwnerAsync("polis@ljungby.example");
        await CloseAsync(owner, wall, "InProgress", "");
        await CloseAsync(owner, wall, "Done", "Sanerat");
        var organiser = await w.OrganiserAsync();
        var send = await organiser.PostFormAsync($"/walks/{w.WalkId}/feedback/send", [], $"/walks/{w.WalkId}");
        Assert.Equal(HttpStatusCode.Redirect, send.StatusCode);
        Assert.Contains("Återkopplingen är redan skickad.", (await organiser.GetDocumentAsync($"/walks/{w.WalkId}")).Body!.TextContent);
        Assert.Equal(3, (await FeedbackRowsAsync(w)).Count);
        await using var db = w.App.CreateDbContext();
        Assert.NotNull((await db.Events.SingleAsync(e => e.Id == w.WalkId)).FeedbackSentAtUtc);
    }

    [Fact]
    public async Task OnTheChosenDate_FeedbackGoesOutWithTasksStillOpen_Once()
    {
        await using var w = await WalkMailWorld.StartAsync("Sqlite", jobSeconds: 0.1);
        await w.AddTaskAsync(w.StreetId, FollowUpStatus.InProgress, Today.AddDays(30), w.Findings[0]);
        var organiser = await w.OrganiserAsync();

        var past = await organiser.PostFormAsync($"/walks/{w.WalkId}/feedback/date", new() { ["feedbackDate"] = Today.AddDays(-1).ToString("yyyy-MM-dd") }, $"/walks/{w.WalkId}");
        Assert.Equal(HttpStatusCode.Redirect, past.StatusCode);
        Assert.Contains("Datumet har redan passerat.", (await organiser.GetDocumentAsync($"/walks/{w.WalkId}")).Body!.TextContent);
        await organiser.PostFormAsync($"/walks/{w.WalkId}/feedback/date", new() { ["feedbackDate"] = Today.AddDays(7).ToString("yyyy-MM-dd") }, $"/walks/{w.WalkId}");
        await using (var db = w.App.CreateDbContext())
            Assert.Equal(Today.AddDays(7), (await db.Events.SingleAsync(e => e.Id == w.WalkId)).FeedbackDate);
        await Task.Delay(800); // several rounds of the job: a date next week sends nothing yet
        Assert.Empty(await FeedbackRowsAsync(w));

        await organiser.PostFormAsync($"/walks/{w.WalkId}/feedback/date", new() { ["feedbackDate"] = Today.ToString("yyyy-MM-dd") }, $"/walks/{w.WalkId}");
        var rows = await w.App.WaitForOutboxAsync(r => r.Count(m => m.Kind == WalkFeedback.Kind) >= 3, "feedback on the chosen day");
        await Task.Delay(800);
        Assert.Equal(3, (await FeedbackRowsAsync(w)).Count);
        var mail = (await Eventually.UntilAsync(() => Task.FromResult(w.Smtp.Received.Where(IsFeedback).ToList()), r => r.Count >= 3, "feedback mails"))
            .Single(m => WalkMailWorld.Recipient(m) == WalkMailWorld.ReporterEmail);
        Assert.Contains("Status: Pågår", mail.TextBody);
        Assert.Contains("Status: Ej behandlad", mail.TextBody);
        Assert.Contains("Återkopplingen skickades", (await organiser.GetDocumentAsync($"/walks/{w.WalkId}")).QuerySelector("#feedback-state")!.TextContent);
    }

    [Fact]
    public async Task TheButton_WaitsForAPublishedProtocol_ThenSendsOnce()
    {
        await using var w = await WalkMailWorld.StartAsync("Sqlite", published: false);
        var organiser = await w.OrganiserAsync();
        var walkPage = await organiser.GetDocumentAsync($"/walks/{w.WalkId}");
        Assert.Contains("inte publicerat", walkPage.QuerySelector("#feedback-state")!.TextContent);

        await organiser.PostAsync($"/walks/{w.WalkId}/feedback/send", new FormUrlEncodedContent(walkPage.FormFields("form[action$='/feedback/send']")));
        Assert.Contains("Publicera protokollet först", (await organiser.GetDocumentAsync($"/walks/{w.WalkId}")).Body!.TextContent);
        Assert.Empty(await FeedbackRowsAsync(w));

        var protocol = await organiser.GetDocumentAsync($"/walks/{w.WalkId}/protocol");
        await organiser.PostAsync($"/walks/{w.WalkId}/protocol/publish", new FormUrlEncodedContent(protocol.FormFields("form[action$='/publish']")));
        Assert.Empty(await FeedbackRowsAsync(w)); // nothing is due yet: findings are untriaged and no date is set
        walkPage = await organiser.GetDocumentAsync($"/walks/{w.WalkId}");
        var sent = await organiser.PostAsync($"/walks/{w.WalkId}/feedback/send", new FormUrlEncodedContent(walkPage.FormFields("form[action$='/feedback/send']")));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("Återkopplingen har skickats till 3 deltagare.", (await organiser.GetDocumentAsync($"/walks/{w.WalkId}")).Body!.TextContent);
        await organiser.PostAsync($"/walks/{w.WalkId}/feedback/send", new FormUrlEncodedContent(walkPage.FormFields("form[action$='/feedback/send']")));
        Assert.Equal(Participants.Order(), (await FeedbackRowsAsync(w)).Select(r => r.ToAddress).Order());
    }

    [Fact]
    public async Task ACompleteWalk_WaitsForItsProtocol_AndPublishingSendsTheFeedback()
    {
        await using var w = await WalkMailWorld.StartAsync("Sqlite", published: false);
        await w.AddTaskAsync(w.StreetId, FollowUpStatus.Done, Today.AddDays(10), w.Findings[0]);
        await w.AddTaskAsync(w.PoliceId, FollowUpStatus.Rejected, Today.AddDays(10), w.Findings[2]);
        var organiser = await w.OrganiserAsync();

        // The last untriaged finding gets "no action": the walk is complete, but there is no protocol to link to yet.
        await organiser.PostFormAsync($"/walks/{w.WalkId}/triage/findings/{w.Findings[1]}/no-action", new() { ["reason"] = "Städas redan varje måndag" }, $"/walks/{w.WalkId}");
        Assert.Empty(await FeedbackRowsAsync(w));
        Assert.Contains("väntar tills det är publicerat", (await organiser.GetDocumentAsync($"/walks/{w.WalkId}")).QuerySelector("#feedback-state")!.TextContent);

        var protocol = await organiser.GetDocumentAsync($"/walks/{w.WalkId}/protocol");
        await organiser.PostAsync($"/walks/{w.WalkId}/protocol/publish", new FormUrlEncodedContent(protocol.FormFields("form[action$='/publish']")));
        Assert.Contains("återkopplingen har skickats", (await organiser.GetDocumentAsync($"/walks/{w.WalkId}/protocol")).Body!.TextContent);
        Assert.Equal(Participants.Order(), (await FeedbackRowsAsync(w)).Select(r => r.ToAddress).Order());
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoSendsAtTheSameMoment_WriteOneSetOfMails(string provider)
    {
        await using var w = await WalkMailWorld.StartAsync(provider);
        async Task<FeedbackOutcome> SendAsync()
        {
            using var scope = w.App.Services.CreateScope();
            try
            {
                return (await scope.ServiceProvider.GetRequiredService<WalkFeedback>().SendAsync(w.WalkId)).Outcome;
            }
            catch (DbUpdateException)
            {
                return FeedbackOutcome.Conflict; // SQLite: the second writer found the database locked
            }
        }

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(SendAsync)));
        Assert.Equal(1, outcomes.Count(o => o == FeedbackOutcome.Sent));
        Assert.All(outcomes, o => Assert.Contains(o, new[] { FeedbackOutcome.Sent, FeedbackOutcome.AlreadySent, FeedbackOutcome.Conflict }));
        Assert.Equal(Participants.Order(), (await FeedbackRowsAsync(w)).Select(r => r.ToAddress).Order());
    }

    [Fact]
    public async Task OnlyTheWalksOrganisers_MaySendOrDateTheFeedback()
    {
        await using var w = await WalkMailWorld.StartAsync("Sqlite");
        var alvesta = await w.App.AddMunicipalityAsync("Alvesta");
        var stranger = await w.App.SignInAsync(await w.App.AddUserAsync("org@alvesta.example", Web.Features.Accounts.Roles.Organiser, alvesta.Id), TestData.Password);
        var owner = await w.OwnerAsync("gata1@ljungby.example");
        var tokenPage = "/tasks";
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostFormAsync($"/walks/{w.WalkId}/feedback/send", [], "/organisations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostFormAsync($"/walks/{w.WalkId}/feedback/date", new() { ["feedbackDate"] = Today.ToString("yyyy-MM-dd") }, "/organisations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostFormAsync($"/walks/{w.WalkId}/feedback/send", [], tokenPage)).StatusCode);
        Assert.Empty(await FeedbackRowsAsync(w));
        await using var db = w.App.CreateDbContext();
        Assert.Null((await db.Events.SingleAsync(e => e.Id == w.WalkId)).FeedbackDate);
    }

    /// <summary>The check: the feedback e-mail and the protocol show the same statuses as the task board.</summary>
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TheFeedbackMail_TheProtocol_AndTheTaskBoard_ShowTheSameStatusForEachFinding(string provider)
    {
        await using var w = await WalkMailWorld.StartAsync(provider);
        var lamp = await w.AddTaskAsync(w.StreetId, FollowUpStatus.Done, Today.AddDays(10), w.Findings[0]);
        var wall = await w.AddTaskAsync(w.PoliceId, FollowUpStatus.InProgress, Today.AddDays(10), w.Findings[2]);
        var taskOf = new Dictionary<int, int> { [w.Findings[0]] = lamp, [w.Findings[2]] = wall }; // Findings[1] stays untriaged
        var organiser = await w.OrganiserAsync();
        var walkPage = await organiser.GetDocumentAsync($"/walks/{w.WalkId}");
        await organiser.PostAsync($"/walks/{w.WalkId}/feedback/send", new FormUrlEncodedContent(walkPage.FormFields("form[action$='/feedback/send']")));
        var mails = await Eventually.UntilAsync(() => Task.FromResult(w.Smtp.Received.Where(IsFeedback).ToList()), r => r.Count >= 3, "feedback mails");

        foreach (var (language, recipient) in new[] { ("sv", WalkMailWorld.ReporterEmail), ("en", "maria@bostader.example") })
        {
            var culture = language == "en" ? "?culture=en" : "";
            var board = await organiser.GetDocumentAsync("/tasks" + culture);
            var closedBoard = await organiser.GetDocumentAsync("/tasks" + (language == "en" ? "?culture=en&closed=true" : "?closed=true"));
            var protocol = await organiser.GetDocumentAsync($"/walks/{w.WalkId}/protocol{culture}");
            var mail = await new HtmlParser().ParseDocumentAsync(mails.Single(m => WalkMailWorld.Recipient(m) == recipient).HtmlBody!);
            var mailStatuses = mail.QuerySelectorAll("ol li .status").Select(s => s.TextContent).ToList();
            Assert.Equal(w.Findings.Length, mailStatuses.Count);
            for (var i = 0; i < w.Findings.Length; i++)
            {
                var finding = w.Findings[i];
                var onProtocol = protocol.QuerySelector($"#protocol-{finding} .protocol-status")!.TextContent;
                Assert.Equal(onProtocol, mailStatuses[i]);
                if (taskOf.TryGetValue(finding, out var task))
                {
                    var row = board.QuerySelector($"#task-{task} .task-status") ?? closedBoard.QuerySelector($"#task-{task} .task-status");
                    Assert.Equal(row!.TextContent, onProtocol);
                }
            }
            Assert.Equal(language == "en" ? ["Done", "Not handled yet", "In progress"] : ["Klar", "Ej behandlad", "Pågår"], mailStatuses);
        }
    }
}
