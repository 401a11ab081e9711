using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;

namespace DialogPlanner.Tests.Invitations;

/// <summary>Calendar answers read from a real IMAP server (dovecot) by the app's worker.</summary>
public sealed class ImapReplyTests
{
    private const string Uid = "5b1f0c2e9d7a4c33@dialogplanner";
    private const string Inbox = "INBOX";
    private const string Handled = "DialogPlanner/Behandlade";
    private const string SetAside = "DialogPlanner/Lästes inte";
    private const string Anna = "anna.andersson@example.test";
    private const string Per = "per@example.test";
    private const string Lisa = "lisa@example.test";
    private const string Gone = "gone@example.test";

    private static async Task<AppFactory> StartAppAsync(TestImapServer imap, string provider = "Sqlite", TestDatabase? database = null)
    {
        if (database is null) return await AppFactory.StartAsync(provider, imap.Settings());
        var app = new AppFactory(database, imap.Settings());
        _ = app.Server;
        return app;
    }

    private static async Task<int> SeedEventAsync(AppFactory app, int sequence = 0, RsvpStatus annasAnswer = RsvpStatus.NeedsAction)
    {
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await using var db = app.CreateDbContext();
        var e = TestData.Event(ljungby.Id, "Dialogmöte i Centrum", TestData.Stockholm(2026, 12, 10, 18), invitations:
        [
            TestData.Invitation(Anna, "Anna Andersson", annasAnswer),
            TestData.Invitation(Per, "Per Persson"),
            TestData.Invitation(Lisa, "Lisa Larsson"),
            TestData.Invitation(Gone, removedAtUtc: DateTime.UtcNow),
        ]).With(ev => (ev.CalendarUid, ev.CalendarSequence) = (Uid, sequence));
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e.Id;
    }

    private static async Task<Dictionary<string, RsvpStatus>> AnswersAsync(AppFactory app)
    {
        await using var db = app.CreateDbContext();
        return await db.Invitations.AsNoTracking().ToDictionaryAsync(i => i.Email, i => i.Rsvp);
    }

    private static Task<Dictionary<string, RsvpStatus>> WaitForAnswerAsync(AppFactory app, string email, RsvpStatus answer) =>
        Eventually.UntilAsync(() => AnswersAsync(app), a => a[email] == answer, $"{email} to answer {answer}");

    private static Task<List<string>> WaitForFolderAsync(TestImapServer imap, string folder, params MimeMessage[] messages) =>
        Eventually.UntilAsync(() => imap.MessageIdsAsync(folder), ids => messages.All(m => ids.Contains(m.MessageId!)),
            $"{messages.Length} messages in {folder}");

    private static async Task<List<SetAsideReply>> SetAsideRowsAsync(AppFactory app)
    {
        await using var db = app.CreateDbContext();
        return await db.SetAsideReplies.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RepliesFromOutlookThunderbirdAndABareClient_RecordTheAnswers_AndLeaveTheInbox(string provider)
    {
        await using var imap = await TestImapServer.StartAsync();
        await using var app = await StartAppAsync(imap, provider);
        var eventId = await SeedEventAsync(app);
        // Outlook writes the address as the invitee's own mail server spells it.
        var outlook = CalendarReplies.Outlook("Anna.Andersson@Example.TEST", Uid, 0, "ACCEPTED");
        var thunderbird = CalendarReplies.Thunderbird(Per, Uid, 0, "DECLINED");
        var bare = CalendarReplies.Bare(Lisa.ToUpperInvariant(), Uid, 0, "TENTATIVE");

        foreach (var reply in new[] { outlook, thunderbird, bare }) await imap.AppendAsync(reply);

        var answers = await Eventually.UntilAsync(() => AnswersAsync(app),
            a => a[Anna] != RsvpStatus.NeedsAction && a[Per] != RsvpStatus.NeedsAction && a[Lisa] != RsvpStatus.NeedsAction, "three answers");
        Assert.Equal((RsvpStatus.Accepted, RsvpStatus.Declined, RsvpStatus.Tentative), (answers[Anna], answers[Per], answers[Lisa]));
        await WaitForFolderAsync(imap, Handled, outlook, thunderbird, bare);
        Assert.Empty(await imap.MessageIdsAsync(Inbox));
        Assert.Empty(await SetAsideRowsAsync(app));
        await using var db = app.CreateDbContext();
        Assert.All(await db.Invitations.Where(i => i.EventId == eventId && i.RemovedAtUtc == null).ToListAsync(), i => Assert.NotNull(i.RespondedAtUtc));
    }

    [Fact]
    public async Task Garbage_IsSetAsideAndReported_AndAReplyAfterItIsStillRecorded()
    {
        await using var imap = await TestImapServer.StartAsync();
        await using var app = await StartAppAsync(imap);
        await SeedEventAsync(app);
        var plain = CalendarReplies.Plain(Per, "Sv: Inbjudan");
        var broken = CalendarReplies.Broken(Per, "Trasig kalender");
        var reply = CalendarReplies.Thunderbird(Per, Uid, 0, "ACCEPTED");

        await imap.AppendAsync(plain);
        await imap.AppendAsync(broken);
        await imap.AppendAsync(reply);

        await WaitForAnswerAsync(app, Per, RsvpStatus.Accepted);
        await WaitForFolderAsync(imap, SetAside, plain, broken);
        Assert.Equal([reply.MessageId!], await imap.MessageIdsAsync(Handled));
        Assert.Empty(await imap.MessageIdsAsync(Inbox));
        var rows = await SetAsideRowsAsync(app);
        Assert.Equal(
            [("Sv: Inbjudan", SetAsideReason.NoCalendar, plain.MessageId), ("Trasig kalender", SetAsideReason.UnreadableCalendar, broken.MessageId)],
            rows.Select(r => (r.Subject, r.Reason, r.MessageId)));
        Assert.All(rows, r => Assert.Contains(Per, r.FromAddress));
        Assert.All(rows, r => Assert.Null(r.EventId));
    }

    [Fact]
    public async Task UnknownUid_AndARemovedInvitee_AreSetAside()
    {
        await using var imap = await TestImapServer.StartAsync();
        await using var app = await StartAppAsync(imap);
        var eventId = await SeedEventAsync(app);
        var unknown = CalendarReplies.Thunderbird(Per, "not-ours-42@example.test", 0, "ACCEPTED");
        var removed = CalendarReplies.Thunderbird(Gone, Uid, 0, "ACCEPTED");

        await imap.AppendAsync(unknown);
        await imap.AppendAsync(removed);

        await WaitForFolderAsync(imap, SetAside, unknown, removed);
        var rows = await SetAsideRowsAsync(app);
        Assert.Equal([(SetAsideReason.UnknownEvent, (int?)null), (SetAsideReason.NotInvited, eventId)], rows.Select(r => (r.Reason, r.EventId)));
        Assert.Contains("not-ours-42@example.test", rows[0].Detail);
        Assert.All((await AnswersAsync(app)).Values, a => Assert.Equal(RsvpStatus.NeedsAction, a));
        Assert.Empty(await imap.MessageIdsAsync(Handled));
    }

    [Fact]
    public async Task SenderOtherThanTheAttendee_IsSetAside_AndChangesNothing()
    {
        await using var imap = await TestImapServer.StartAsync();
        await using var app = await StartAppAsync(imap);
        var eventId = await SeedEventAsync(app, annasAnswer: RsvpStatus.Accepted);
        // Someone who knows the UID tries to decline on Anna's behalf.
        var forged = CalendarReplies.Outlook("mallory@example.test", Uid, 0, "DECLINED", attendee: Anna);

        await imap.AppendAsync(forged);

        await WaitForFolderAsync(imap, SetAside, forged);
        var row = Assert.Single(await SetAsideRowsAsync(app));
        Assert.Equal((SetAsideReason.SenderNotAttendee, eventId), (row.Reason, row.EventId));
        Assert.Equal(RsvpStatus.Accepted, (await AnswersAsync(app))[Anna]);
    }

    [Fact]
    public async Task ReplyToAnOlderSequence_ChangesNothing()
    {
        await using var imap = await TestImapServer.StartAsync();
        await using var app = await StartAppAsync(imap);
        await SeedEventAsync(app, sequence: 2, annasAnswer: RsvpStatus.Accepted);
        var old = CalendarReplies.Outlook(Anna, Uid, 1, "DECLINED");
        var current = CalendarReplies.Thunderbird(Per, Uid, 2, "TENTATIVE");

        await imap.AppendAsync(old);
        await imap.AppendAsync(current);

        await WaitForFolderAsync(imap, Handled, old, current);
        var answers = await AnswersAsync(app);
        Assert.Equal((RsvpStatus.Accepted, RsvpStatus.Tentative), (answers[Anna], answers[Per]));
        Assert.Empty(await SetAsideRowsAsync(app));
    }

    [Fact]
    public async Task HandledMessage_IsNotReadAgain_AfterARestart()
    {
        await using var imap = await TestImapServer.StartAsync();
        var first = await StartAppAsync(imap);
        await SeedEventAsync(first);
        var accept = CalendarReplies.Outlook(Anna, Uid, 0, "ACCEPTED");
        await imap.AppendAsync(accept);
        await WaitForAnswerAsync(first, Anna, RsvpStatus.Accepted);
        await WaitForFolderAsync(imap, Handled, accept);
        // Anna then calls the organiser to say she cannot come after all.
        await using (var db = first.CreateDbContext())
        {
            (await db.Invitations.SingleAsync(i => i.Email == Anna)).Rsvp = RsvpStatus.Declined;
            await db.SaveChangesAsync();
        }
        var worker = first.Services.GetServices<IHostedService>().OfType<ImapReplyWorker>().Single();
        await worker.StopAsync(CancellationToken.None);

        await using var second = await StartAppAsync(imap, database: first.Database);
        var later = CalendarReplies.Thunderbird(Per, Uid, 0, "ACCEPTED");
        await imap.AppendAsync(later);
        await WaitForAnswerAsync(second, Per, RsvpStatus.Accepted);

        Assert.Equal(RsvpStatus.Declined, (await AnswersAsync(second))[Anna]);
        Assert.Empty(await imap.MessageIdsAsync(Inbox));
        Assert.Equal(2, (await imap.MessageIdsAsync(Handled)).Count);
        await first.DisposeAsync();
    }

    [Fact]
    public async Task MailServerDownAtStart_TheWorkerKeepsTrying_AndReadsOnceItIsUp()
    {
        var port = TestSmtpServer.FreePort();
        await using var app = await AppFactory.StartAsync("Sqlite", TestImapServer.SettingsFor(port));
        await SeedEventAsync(app);
        await Task.Delay(1500); // a few rounds fail to connect

        await using var imap = await TestImapServer.StartAsync(port);
        var reply = CalendarReplies.Bare(Lisa, Uid, 0, "ACCEPTED");
        await imap.AppendAsync(reply);

        await WaitForAnswerAsync(app, Lisa, RsvpStatus.Accepted);
        var worker = app.Services.GetServices<IHostedService>().OfType<ImapReplyWorker>().Single();
        Assert.False(worker.ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task WrongPassword_TheWorkerKeepsTrying_AndTheAnswerWaitsInTheInbox()
    {
        await using var imap = await TestImapServer.StartAsync();
        var settings = imap.Settings();
        settings["Email:Imap:Password"] = "not-the-password";
        await using var app = await AppFactory.StartAsync("Sqlite", settings);
        await SeedEventAsync(app);
        var reply = CalendarReplies.Bare(Lisa, Uid, 0, "ACCEPTED");
        await imap.AppendAsync(reply);

        // dovecot makes a failed login wait (and MailKit tries each mechanism), so this takes some seconds.
        await Eventually.UntilAsync(imap.LogAsync, log => log.Contains("auth failed"), "a refused login", seconds: 60);
        await Task.Delay(500);

        var worker = app.Services.GetServices<IHostedService>().OfType<ImapReplyWorker>().Single();
        Assert.False(worker.ExecuteTask!.IsCompleted);
        Assert.Equal([reply.MessageId!], await imap.MessageIdsAsync(Inbox));
        Assert.Equal(RsvpStatus.NeedsAction, (await AnswersAsync(app))[Lisa]);
    }

    [Fact]
    public async Task NewAnswer_IsReadAtOnce_ThroughIdle_EvenWithALongPoll()
    {
        await using var imap = await TestImapServer.StartAsync();
        var settings = imap.Settings();
        settings["Email:Imap:PollSeconds"] = "600";
        await using var app = await AppFactory.StartAsync("Sqlite", settings);
        await SeedEventAsync(app);
        await Eventually.UntilAsync(imap.LogAsync, log => log.Contains("Login: user=<" + TestImapServer.User), "the worker's login");
        await Task.Delay(1000); // its first round done, it waits in IDLE

        await imap.AppendAsync(CalendarReplies.Outlook(Anna, Uid, 0, "TENTATIVE"));

        await WaitForAnswerAsync(app, Anna, RsvpStatus.Tentative);
    }
}
