using System.Text;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Features.Invitations;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace DialogPlanner.Tests.Invitations;

/// <summary>Calendar answers through a real dovecot: only what the receiving server vouched for counts, and nothing too large is read.</summary>
public sealed class ImapTrustTests
{
    private const string Uid = "8c2d1e7f0a9b4d55@dialogplanner";
    private const string Server = "mx.ljungby.test";
    private const string Anna = "anna@example.test";
    private const string Per = "per@example.test";
    private const string Lisa = "lisa@example.test";
    private const string Olle = "olle@example.test";
    private const string SetAside = "DialogPlanner/Lästes inte";

    private static async Task<AppFactory> StartAsync(TestImapServer imap, string provider, params (string Key, string Value)[] settings)
    {
        var all = imap.Settings();
        foreach (var (key, value) in settings) all[key] = value;
        var app = await AppFactory.StartAsync(provider, all);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await using var db = app.CreateDbContext();
        db.Events.Add(TestData.Event(ljungby.Id, "Dialogmöte i Centrum", DateTime.UtcNow.AddDays(10),
                invitations: [TestData.Invitation(Anna, "Anna"), TestData.Invitation(Per, "Per"), TestData.Invitation(Lisa, "Lisa"), TestData.Invitation(Olle, "Olle")])
            .With(e => e.CalendarUid = Uid));
        await db.SaveChangesAsync();
        return app;
    }

    /// <summary>Headers as the receiving server writes them: its own on top, above anything the sender put in.</summary>
    private static MimeMessage Received(MimeMessage message, params string[] authenticationResults)
    {
        foreach (var value in authenticationResults.Reverse()) message.Headers.Insert(0, new Header(HeaderId.AuthenticationResults, value));
        return message;
    }

    private static async Task<Dictionary<string, RsvpStatus>> AnswersAsync(AppFactory app)
    {
        await using var db = app.CreateDbContext();
        return await db.Invitations.AsNoTracking().ToDictionaryAsync(i => i.Email, i => i.Rsvp);
    }

    private static async Task<List<SetAsideReply>> SetAsideRowsAsync(AppFactory app)
    {
        await using var db = app.CreateDbContext();
        return await db.SetAsideReplies.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WithTrustedAuthenticationResults_ASpoofedReplyIsSetAside_APassingOneIsRecorded(string provider)
    {
        await using var imap = await TestImapServer.StartAsync();
        await using var app = await StartAsync(imap, provider, ("Email:Imap:TrustAuthenticationResults", Server));

        var passing = Received(CalendarReplies.Bare(Lisa, Uid, 0, "TENTATIVE"),
            $"{Server}; spf=pass smtp.mailfrom=example.test; dkim=pass header.d=example.test header.s=s1; dmarc=pass (p=reject) header.from=example.test");
        // DKIM of the From domain without a DMARC verdict is enough: the signature is aligned.
        var aligned = Received(CalendarReplies.Bare(Olle, Uid, 0, "DECLINED", name: "Olle"), $"{Server}; dkim=pass header.d=example.test header.s=s1");
        // Someone else's server writes Anna's address, and puts a "pass" under our server's name lower down: our server's own header says fail.
        var spoofed = CalendarReplies.Outlook(Anna, Uid, 0, "ACCEPTED");
        spoofed.Headers.Add(HeaderId.AuthenticationResults, $"{Server}; dmarc=pass header.from=example.test");
        Received(spoofed, $"{Server}; spf=fail smtp.mailfrom=example.test; dkim=pass header.d=evil.example header.s=x; dmarc=fail (p=none) header.from=example.test");
        // No word from our server at all: a header from another server is no proof.
        var unvouched = Received(CalendarReplies.Thunderbird(Per, Uid, 0, "DECLINED"), "mx.evil.example; dmarc=pass header.from=example.test");

        foreach (var m in new[] { spoofed, unvouched, passing, aligned }) await imap.AppendAsync(m);

        var answers = await Eventually.UntilAsync(() => AnswersAsync(app), a => a[Lisa] == RsvpStatus.Tentative && a[Olle] == RsvpStatus.Declined, "the passing answers");
        var rows = await Eventually.UntilAsync(() => SetAsideRowsAsync(app), r => r.Count >= 2, "two replies set aside");
        Assert.Equal((RsvpStatus.NeedsAction, RsvpStatus.NeedsAction), (answers[Anna], answers[Per]));
        Assert.All(rows, r => Assert.Equal(SetAsideReason.NotAuthenticated, r.Reason));
        Assert.Contains("dmarc=fail", rows.Single(r => r.FromAddress!.Contains(Anna)).Detail);
        Assert.Contains($"No Authentication-Results from {Server}", rows.Single(r => r.FromAddress!.Contains(Per)).Detail);
        await Eventually.UntilAsync(() => imap.MessageIdsAsync(SetAside), ids => ids.Contains(spoofed.MessageId!) && ids.Contains(unvouched.MessageId!), "both in the set-aside folder");

        // The administrators' list says why, in words.
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        Assert.Contains("E-postservern kunde inte bekräfta avsändaren", (await admin.GetDocumentAsync("/admin/calendar-replies")).Body!.TextContent);
    }

    [Fact]
    public async Task AnOversizedMessageOrCalendarPart_IsSetAsideUnread_WithTheReason()
    {
        await using var imap = await TestImapServer.StartAsync();
        await using var app = await StartAsync(imap, "Sqlite", ("Email:Imap:MaxMessageBytes", "20000"), ("Email:Imap:MaxPartBytes", "2000"));

        // 60 kB of attachment around a valid answer: over the message cap, so never downloaded.
        var big = CalendarReplies.Bare(Anna, Uid, 0, "ACCEPTED", name: "Anna");
        var body = new Multipart("mixed") { big.Body!, new MimePart("application", "octet-stream")
        {
            FileName = "stor.bin", Content = new MimeContent(new MemoryStream(new byte[60_000])), ContentTransferEncoding = ContentEncoding.Base64,
        } };
        big.Body = body;
        // A calendar part padded past the part cap, in a message under the message cap.
        var padded = CalendarReplies.Bare(Per, Uid, 0, "DECLINED", name: "Per");
        var calendar = (TextPart)padded.Body!;
        calendar.SetText(Encoding.UTF8, calendar.Text.Replace("END:VEVENT", string.Concat(Enumerable.Repeat($"COMMENT:{new string('x', 70)}\r\n", 60)) + "END:VEVENT"));
        var normal = CalendarReplies.Bare(Lisa, Uid, 0, "TENTATIVE");

        foreach (var m in new[] { big, padded, normal }) await imap.AppendAsync(m);

        await Eventually.UntilAsync(() => AnswersAsync(app), a => a[Lisa] == RsvpStatus.Tentative, "the normal answer");
        var rows = await Eventually.UntilAsync(() => SetAsideRowsAsync(app), r => r.Count >= 2, "two messages set aside");
        Assert.All(rows, r => Assert.Equal(SetAsideReason.TooLarge, r.Reason));
        Assert.Contains("Email:Imap:MaxMessageBytes is 20000", rows.Single(r => r.FromAddress!.Contains(Anna)).Detail);
        Assert.Contains("over 2000 bytes", rows.Single(r => r.FromAddress!.Contains(Per)).Detail);
        Assert.Equal((RsvpStatus.NeedsAction, RsvpStatus.NeedsAction), ((await AnswersAsync(app))[Anna], (await AnswersAsync(app))[Per]));
        await Eventually.UntilAsync(() => imap.MessageIdsAsync(SetAside), ids => ids.Contains(big.MessageId!) && ids.Contains(padded.MessageId!), "both in the set-aside folder");
    }
}
