using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace DialogPlanner.Tests.Invitations;

/// <summary>The reminder before an event: who gets one, what it looks like, and that nobody gets two.</summary>
public sealed class ReminderTests
{
    private const string PublicUrl = "https://dialog.test.example";

    private static Dictionary<string, string?> Settings(int port, string daysBefore = "2", string checkSeconds = "3600") => new(OutboxTestKit.Smtp(port))
    {
        ["Email:PublicUrl"] = PublicUrl,
        ["Email:Reminders:DaysBefore"] = daysBefore,
        ["Email:Reminders:CheckSeconds"] = checkSeconds,
    };

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AcceptedAndUnanswered_OfPlannedEventsWithinTheDays_GetOneReminderEach_EvenWhenTheJobRunsTwiceAtOnce(string provider)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var app = await AppFactory.StartAsync(provider, Settings(smtp.Port));
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var now = DateTime.UtcNow;
        var soon = await AddEventAsync(app, ljungby.Id, "Dialogmöte i centrum", EventStatus.Scheduled, now.AddDays(1),
            Invitee("anna@example.test", RsvpStatus.Accepted),
            Invitee("bo@example.test", RsvpStatus.NeedsAction, language: "en"),
            Invitee("cilla@example.test", RsvpStatus.Declined),
            Invitee("david@example.test", RsvpStatus.Tentative),
            Invitee("erik@example.test", RsvpStatus.NeedsAction, removed: true));
        await AddEventAsync(app, ljungby.Id, "Om tre dagar", EventStatus.Scheduled, now.AddDays(3), Invitee("helga@example.test", RsvpStatus.Accepted));
        await AddEventAsync(app, ljungby.Id, "Utkast", EventStatus.Draft, now.AddDays(1), Invitee("ida@example.test", RsvpStatus.NeedsAction, sent: false));
        await AddEventAsync(app, ljungby.Id, "Inställt", EventStatus.Cancelled, now.AddDays(1), Invitee("jan@example.test", RsvpStatus.Accepted));
        await AddEventAsync(app, ljungby.Id, "Pågår", EventStatus.Scheduled, now.AddHours(-1), Invitee("kim@example.test", RsvpStatus.Accepted));
        // Invited today, inside the two days: the invitation has just told them, so no reminder follows it.
        var organiser = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await organiser.PostFormAsync($"/events/{soon}/invitees", new() { ["Addresses"] = "gustav@example.test" });

        var rounds = await Task.WhenAll(QueueDueAsync(app), QueueDueAsync(app));
        var again = await QueueDueAsync(app);

        Assert.InRange(rounds.Sum(), 0, 2); // the job's own round may have been first
        Assert.Equal(0, again);
        await app.WaitForOutboxAsync(r => r.All(m => m.Status == OutboxStatus.Sent), "every message Sent");
        var reminders = smtp.Received.Where(m => m.Subject is { } s && (s.StartsWith("Påminnelse") || s.StartsWith("Reminder"))).ToList();
        Assert.Equal(["anna@example.test", "bo@example.test"], reminders.Select(m => m.To.Mailboxes.Single().Address).Order());
        await using var db = app.CreateDbContext();
        var invitations = await db.Invitations.Where(i => i.EventId == soon).ToDictionaryAsync(i => i.Email);
        Assert.Equal(["anna@example.test", "bo@example.test"], invitations.Values.Where(i => i.ReminderQueuedAtUtc != null).Select(i => i.Email).Order());
        Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.Kind == "reminder"));

        var anna = reminders.Single(m => m.To.Mailboxes.Single().Address == "anna@example.test");
        var bo = reminders.Single(m => m.To.Mailboxes.Single().Address == "bo@example.test");
        Assert.Equal("Påminnelse: Dialogmöte i centrum", anna.Subject);
        Assert.Equal("Reminder: Dialogmöte i centrum", bo.Subject);
        // A plain mail: a calendar part would be a REQUEST at the same SEQUENCE, an "update" to calendars.
        Assert.All(reminders, m => Assert.DoesNotContain(m.BodyParts, p => p.ContentType.MediaType == "text" && p.ContentType.MediaSubtype == "calendar" || p.ContentType.MimeType == "application/ics"));
        Assert.Contains($"{PublicUrl}/rsvp/{invitations["anna@example.test"].Token}?answer=accepted", anna.TextBody);
        Assert.Contains($"{PublicUrl}/rsvp/{invitations["bo@example.test"].Token}?answer=declined", bo.HtmlBody);

        var page = await organiser.GetDocumentAsync($"/events/{soon}/invitees");
        var annaRow = page.QuerySelectorAll("table.invitees tbody tr").Single(r => r.TextContent.Contains("anna@example.test"));
        Assert.Contains("Påminnelse:", annaRow.QuerySelector("td.delivery")!.TextContent);
        Assert.Contains("Skickat", annaRow.QuerySelector("td.delivery")!.TextContent);
    }

    [Fact]
    public async Task TheJob_QueuesRemindersOnItsOwn_AndRoundAfterRound_NobodyGetsASecond()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var app = await AppFactory.StartAsync("Sqlite", Settings(smtp.Port, checkSeconds: "0.1"));
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await AddEventAsync(app, ljungby.Id, "Grannsamverkan", EventStatus.Scheduled, DateTime.UtcNow.AddDays(2).AddMinutes(-5),
            Invitee("anna@example.test", RsvpStatus.Accepted), Invitee("bo@example.test", RsvpStatus.NeedsAction));

        await smtp.WaitForMessagesAsync(2);
        await Task.Delay(1500); // a dozen more rounds of the job

        Assert.Equal(["anna@example.test", "bo@example.test"], smtp.Received.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(smtp.Received, m => Assert.StartsWith("Påminnelse", m.Subject ?? ""));
    }

    [Fact]
    public async Task DaysBeforeZero_SendsNoReminders()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var app = await AppFactory.StartAsync("Sqlite", Settings(smtp.Port, daysBefore: "0", checkSeconds: "0.1"));
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await AddEventAsync(app, ljungby.Id, "Grannsamverkan", EventStatus.Scheduled, DateTime.UtcNow.AddHours(5), Invitee("anna@example.test", RsvpStatus.Accepted));

        Assert.Equal(0, await QueueDueAsync(app));
        await Task.Delay(500);

        Assert.Empty(await app.OutboxAsync());
    }

    [Fact]
    public async Task SmtpWithRemindersButNoPublicUrl_StopsTheAppAtStart()
    {
        var settings = new Dictionary<string, string?>(OutboxTestKit.Smtp(TestSmtpServer.FreePort())) { ["Email:PublicUrl"] = "" };
        await using var app = new AppFactory(await TestDatabase.CreateAsync("Sqlite"), settings);

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("Email:PublicUrl", error.Message);
    }

    private static async Task<int> QueueDueAsync(AppFactory app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderQueue>().QueueDueAsync(CancellationToken.None);
    }

    private static Invitation Invitee(string email, RsvpStatus rsvp, string language = "sv", bool removed = false, bool sent = true) =>
        TestData.Invitation(email, rsvp: rsvp, language: language, removedAtUtc: removed ? DateTime.UtcNow.AddDays(-1) : null)
            .With(i => i.SentSequence = sent ? 0 : -1);

    private static async Task<int> AddEventAsync(AppFactory app, int municipalityId, string title, EventStatus status, DateTime startsAtUtc, params Invitation[] invitees)
    {
        await using var db = app.CreateDbContext();
        var e = TestData.Event(municipalityId, title, startsAtUtc, status: status, invitations: invitees);
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e.Id;
    }
}
