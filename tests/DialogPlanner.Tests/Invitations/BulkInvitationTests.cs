using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Jobs;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Xunit.Abstractions;
using Calendar = Ical.Net.Calendar;

namespace DialogPlanner.Tests.Invitations;

/// <summary>
/// Issue 11: a large mailing does not hold the organiser's request. The post only saves what changed; the
/// InvitationMailJob builds the mail afterwards and the outbox delivers it (docs/decisions/0022).
/// </summary>
public sealed partial class BulkInvitationTests(ITestOutputHelper output)
{
    private const int Invitees = 1000;
    private const string Holder = "test: holds the invitation mail job back";

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AddingAndRescheduling1000_ReturnBeforeAnyMailIsBuilt_ThenEachInviteeGetsExactlyOneOfEach(string provider)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var app = await AppFactory.StartAsync(provider, OutboxTestKit.Smtp(smtp.Port));
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int id;
        await using (var db = app.CreateDbContext())
        {
            var e = TestData.Event(ljungby.Id, "Dialogmöte om centrum", DateTime.UtcNow.Date.AddDays(40).AddHours(16));
            db.Events.Add(e);
            await db.SaveChangesAsync();
            id = e.Id;
        }
        var organiser = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var addresses = Enumerable.Range(1, Invitees).Select(i => $"boende{i:D4}@example.test").ToList();

        // Held back as another instance would hold it: whatever the post leaves to the job stays visible.
        await HoldJobAsync(app);
        var ask = await (await organiser.PostFormAsync($"/events/{id}/invitees", new() { ["Addresses"] = string.Join("\n", addresses) })).ReadDocumentAsync();
        var clock = Stopwatch.StartNew();
        var added = await organiser.PostAsync($"/events/{id}/invitees", new FormUrlEncodedContent(ask.FormFields("form.confirm")));
        output.WriteLine($"{provider}: adding {Invitees} invitees answered in {clock.ElapsedMilliseconds} ms");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(Invitees, await db.Invitations.CountAsync(i => i.EventId == id && i.SentSequence == -1));
            Assert.Equal(0, await db.OutboxMessages.CountAsync());
        }
        var page = await organiser.GetDocumentAsync($"/events/{id}/invitees");
        Assert.Equal("0 av 1 000 skickade 1 000 e-postmeddelanden förbereds. Ladda om sidan för att se hur det går.", Progress(page));
        Assert.All(page.QuerySelectorAll("table.invitees tbody td.delivery"), cell => Assert.Equal("Förbereds", cell.TextContent.Trim()));

        await ReleaseJobAsync(app);
        var invites = await ArrivedAsync(smtp, Invitees);
        AssertOneEach(invites, addresses, "REQUEST", sequence: 0);
        await AllSentAsync(app, Invitees);
        page = await organiser.GetDocumentAsync($"/events/{id}/invitees");
        Assert.Null(page.QuerySelector("#mailing-progress"));
        Assert.Contains("Skickade: 1000", page.QuerySelector("#delivery-totals")!.TextContent);

        // Rescheduling the 1,000-invitee event: the same, with an update to each.
        await HoldJobAsync(app);
        var edit = await organiser.GetDocumentAsync($"/events/{id}/edit");
        var start = DateTime.Parse(edit.QuerySelector("#Start")!.GetAttribute("value")!);
        var end = DateTime.Parse(edit.QuerySelector("#End")!.GetAttribute("value")!);
        var moved = edit.FormFields("form.form").With("Start", start.AddHours(1).ToString("yyyy-MM-ddTHH:mm")).With("End", end.AddHours(1).ToString("yyyy-MM-ddTHH:mm"));
        var askAgain = await (await organiser.PostAsync($"/events/{id}/edit", new FormUrlEncodedContent(moved))).ReadDocumentAsync();
        clock.Restart();
        var rescheduled = await organiser.PostAsync($"/events/{id}/edit", new FormUrlEncodedContent(askAgain.FormFields("form.confirm")));
        output.WriteLine($"{provider}: rescheduling for {Invitees} invitees answered in {clock.ElapsedMilliseconds} ms");

        Assert.Equal(HttpStatusCode.Redirect, rescheduled.StatusCode);
        await using (var db = app.CreateDbContext()) Assert.Equal(Invitees, await db.OutboxMessages.CountAsync());
        page = await organiser.GetDocumentAsync($"/events/{id}/invitees");
        Assert.Equal("0 av 1 000 skickade 1 000 e-postmeddelanden förbereds. Ladda om sidan för att se hur det går.", Progress(page));

        await ReleaseJobAsync(app);
        var updates = (await ArrivedAsync(smtp, 2 * Invitees)).Skip(Invitees).ToList();
        AssertOneEach(updates, addresses, "REQUEST", sequence: 1);
        await AllSentAsync(app, 2 * Invitees);
        Assert.Equal(2 * Invitees, smtp.Received.Count);
    }

    private static async Task HoldJobAsync(AppFactory app)
    {
        await using var db = app.CreateDbContext();
        // The job holds the lease only while it builds; between rounds it is free.
        await Eventually.UntilAsync(() => JobLease.TryTakeAsync(db, JobLease.InvitationMail, Holder, DateTime.UtcNow, TimeSpan.FromMinutes(10), CancellationToken.None),
            taken => taken, "the invitation mail lease");
    }

    private static async Task ReleaseJobAsync(AppFactory app)
    {
        await using var db = app.CreateDbContext();
        await JobLease.ReleaseAsync(db, JobLease.InvitationMail, Holder, DateTime.UtcNow);
    }

    private static Task<List<MimeMessage>> ArrivedAsync(TestSmtpServer smtp, int count) =>
        Eventually.UntilAsync(() => Task.FromResult(smtp.Received.ToList()), r => r.Count >= count, $"{count} messages at the SMTP server", seconds: 180);

    private static async Task AllSentAsync(AppFactory app, int count)
    {
        await using var db = app.CreateDbContext();
        await Eventually.UntilAsync(() => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent), n => n == count, $"{count} rows marked sent", seconds: 60);
    }

    private static void AssertOneEach(List<MimeMessage> messages, List<string> addresses, string method, int sequence)
    {
        Assert.Equal(addresses, messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        foreach (var message in messages)
        {
            var calendar = Calendar.Load(message.BodyParts.OfType<TextPart>().First(p => p.ContentType.MimeType == "text/calendar").Text)!;
            Assert.Equal((method, sequence), (calendar.Method, calendar.Events.Single().Sequence));
        }
    }

    // Swedish groups thousands with a no-break space: compared as plain spaces.
    private static string Progress(IHtmlDocument page) =>
        Spaces().Replace(page.QuerySelector("#mailing-progress")?.TextContent ?? "", " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
