using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DialogPlanner.Tests.Operations;

/// <summary>
/// Two processes of the real app on one PostgreSQL database and one SMTP server, as behind a load balancer
/// (issue 12, "Two instances" and "Kill in the middle"; docs/decisions/0014).
/// </summary>
public sealed class TwoInstancesTests(ITestOutputHelper output)
{
    private const int Invitees = 500;

    [Fact]
    public async Task ScheduledWith500Invitees_EachGetsExactlyOneMessage_AndASignInFromOneInstanceWorksOnTheOther()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseSetup.Postgres);
        var eventId = await AddDraftWithInviteesAsync(database);
        var (first, second) = await StartBothAsync(database, smtp.Port);
        await using var a = first;
        await using var b = second;

        var (http, _) = await SignInAsync(a);
        // The cookie instance A issued opens the organiser's page on instance B, which schedules the event.
        await ScheduleAsync(http, b, eventId);

        var rows = await AllSentAsync(database);
        await smtp.WaitForMessagesAsync(Invitees);
        var perInvitee = smtp.Received.GroupBy(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(Invitees, perInvitee.Count);
        Assert.All(perInvitee, g => Assert.Single(g));
        Assert.Equal(Invitees, smtp.Received.Count);
        var byInstance = rows.GroupBy(r => r.ClaimedBy!.StartsWith(a.InstancePrefix) ? "A" : r.ClaimedBy.StartsWith(b.InstancePrefix) ? "B" : r.ClaimedBy)
            .ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"Sent by instance: {string.Join(", ", byInstance.Select(p => $"{p.Key} {p.Value}"))}");
        Assert.Equal(["A", "B"], byInstance.Keys.Order());
        Assert.Contains(b.Log.Split('\n'), line => line.StartsWith("{\"EventId\"") && line.Contains("Now listening on"));
    }

    [Fact]
    public async Task OneInstanceKilledInTheMiddleOfDelivery_EveryInviteeStillGetsIt_DuplicatesOnlyOfItsUnsavedBatch()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseSetup.Postgres);
        var eventId = await AddDraftWithInviteesAsync(database);
        var (first, second) = await StartBothAsync(database, smtp.Port);
        await using var a = first;
        await using var b = second;
        var (http, _) = await SignInAsync(a);
        await ScheduleAsync(http, a, eventId);

        // B in the middle of a batch: it sent some, and holds claims on messages it has not sent yet.
        await Eventually.UntilAsync(() => OutboxAsync(database),
            rows => rows.Any(r => r.Status == OutboxStatus.Sent && r.ClaimedBy!.StartsWith(b.InstancePrefix))
                    && rows.Any(r => r.Status == OutboxStatus.Queued && r.ClaimedUntilUtc > DateTime.UtcNow && r.ClaimedBy!.StartsWith(b.InstancePrefix)),
            "instance B in the middle of a batch", seconds: 60);
        await b.KillAsync();
        var atKill = await OutboxAsync(database);
        var claimedByDead = atKill.Count(r => r.Status == OutboxStatus.Queued && r.ClaimedUntilUtc != null && r.ClaimedBy!.StartsWith(b.InstancePrefix));
        var received = smtp.Received.Count;

        var rows = await AllSentAsync(database);
        await smtp.WaitForMessagesAsync(Invitees);
        var perInvitee = smtp.Received.GroupBy(m => m.To.Mailboxes.Single().Address).ToList();
        var duplicates = smtp.Received.Count - perInvitee.Count;
        output.WriteLine($"Killed B after {received} messages had arrived; B held {claimedByDead} unsent claims; {duplicates} duplicates.");
        Assert.Equal(Invitees, perInvitee.Count);
        // A duplicate is the very message sent before: the same Message-Id, so a mail client shows it once.
        Assert.All(perInvitee, g => Assert.Single(g.Select(m => m.MessageId).Distinct()));
        // An instance saves what it sent once a batch (or a second): only the unsaved part of B's batch can go out twice.
        Assert.InRange(duplicates, 0, 20);
        Assert.All(rows.Where(r => !r.ClaimedBy!.StartsWith(a.InstancePrefix)), r => Assert.NotNull(r.SentAtUtc));
        Assert.Contains(rows, r => r.ClaimedBy!.StartsWith(a.InstancePrefix));
    }

    public static Dictionary<string, string?> Settings(int smtpPort) => new(OutboxTestKit.Smtp(smtpPort))
    {
        ["Email:Outbox:PollSeconds"] = "0.2",
        ["Email:Outbox:BatchSize"] = "20",
        // Short, so that the survivor takes over the dead instance's batch within seconds.
        ["Email:Outbox:LeaseSeconds"] = "6",
    };

    /// <summary>Both instances at once, as after a deployment; only the first has the administrator to create.</summary>
    public static async Task<(AppProcess A, AppProcess B)> StartBothAsync(TestDatabase database, int smtpPort, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = Settings(smtpPort);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var admin = new Dictionary<string, string?>(settings) { ["Admin:Email"] = AppFactory.AdminEmail, ["Admin:Password"] = AppFactory.AdminPassword };
        var a = AppProcess.StartAsync(database, admin);
        // B logs as JSON, the option for log collectors (README "Drift").
        var b = AppProcess.StartAsync(database, new Dictionary<string, string?>(settings) { ["Logging:Console:FormatterName"] = "json" });
        try
        {
            return (await a, await b);
        }
        catch
        {
            foreach (var started in new[] { a, b }.Where(t => t.IsCompletedSuccessfully)) await started.Result.DisposeAsync();
            throw;
        }
    }

    /// <summary>A browser with one cookie jar: both instances are 127.0.0.1, so it sends the same cookies to each.</summary>
    public static async Task<(HttpClient Http, CookieContainer Cookies)> SignInAsync(AppProcess instance)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var response = await http.PostFormAsync(new Uri(instance.Address, "/account/login").ToString(),
            new() { ["Email"] = AppFactory.AdminEmail, ["Password"] = AppFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (http, cookies);
    }

    private static async Task<int> AddDraftWithInviteesAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var ljungby = TestData.Municipality("Ljungby");
        db.Municipalities.Add(ljungby);
        await db.SaveChangesAsync();
        var e = TestData.Event(ljungby.Id, "Dialogmöte om centrum", status: EventStatus.Draft,
            invitations: Enumerable.Range(1, Invitees).Select(i => TestData.Invitation($"boende{i}@example.test", $"Boende {i}")));
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e.Id;
    }

    /// <summary>The organiser schedules the draft on <paramref name="instance"/> and confirms mailing everybody.</summary>
    private static async Task ScheduleAsync(HttpClient http, AppProcess instance, int eventId)
    {
        var url = new Uri(instance.Address, $"/events/{eventId}/edit").ToString();
        var form = (await http.GetDocumentAsync(url)).FormFields("form.form").Where(f => f.Key != "AsDraft").ToList();
        var ask = await (await http.PostAsync(url, new FormUrlEncodedContent(form))).ReadDocumentAsync();
        Assert.Equal($"{Invitees} personer får en inbjudan nu.", ask.QuerySelector("ul.consequences li")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await http.PostAsync(url, new FormUrlEncodedContent(ask.FormFields("form.confirm")))).StatusCode);
    }

    private static async Task<List<OutboxMessage>> OutboxAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    private static Task<List<OutboxMessage>> AllSentAsync(TestDatabase database) =>
        Eventually.UntilAsync(() => OutboxAsync(database), r => r.Count == Invitees && r.All(m => m.Status == OutboxStatus.Sent), $"all {Invitees} messages Sent", seconds: 90);
}
