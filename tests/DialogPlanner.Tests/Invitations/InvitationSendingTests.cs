using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Features.Events;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Calendar = Ical.Net.Calendar;

namespace DialogPlanner.Tests.Invitations;

/// <summary>The whole path: organiser pages → outbox → a real SMTP server → the calendar each invitee receives.</summary>
public sealed class InvitationSendingTests
{
    private static Calendar CalendarOf(MimeMessage message)
    {
        var part = message.BodyParts.OfType<TextPart>().First(p => p.ContentType.MimeType == "text/calendar");
        return Calendar.Load(part.Text)!;
    }

    /// <summary>A planned meeting in Ljungby 40 days ahead, without invitees; returns its id.</summary>
    private static async Task<int> AddMeetingAsync(AppFactory app)
    {
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await using var db = app.CreateDbContext();
        var e = TestData.Event(ljungby.Id, "Dialogmöte om centrum", DateTime.UtcNow.Date.AddDays(40).AddHours(16));
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return e.Id;
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invite_Reschedule_Remove_Cancel_ArriveAsRequestUpdateAndCancels(string provider)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var app = await AppFactory.StartAsync(provider, OutboxTestKit.Smtp(smtp.Port));
        var id = await AddMeetingAsync(app);
        var organiser = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        await organiser.PostFormAsync($"/events/{id}/invitees", new() { ["Addresses"] = "Anna Ek <anna@example.test>, per@example.test" });
        var invites = await smtp.WaitForMessagesAsync(2);
        Assert.All(invites, m => Assert.Equal("REQUEST", CalendarOf(m).Method));
        var uid = CalendarOf(invites[0]).Events.Single().Uid;
        Assert.All(invites, m => Assert.Equal((uid, 0), (CalendarOf(m).Events.Single().Uid, CalendarOf(m).Events.Single().Sequence)));

        var edit = await organiser.GetDocumentAsync($"/events/{id}/edit");
        var start = edit.QuerySelector("#Start")!.GetAttribute("value")!;
        var end = edit.QuerySelector("#End")!.GetAttribute("value")!;
        await organiser.PostAsync($"/events/{id}/edit", new FormUrlEncodedContent(edit.FormFields("form.form")
            .With("Start", DateTime.Parse(start).AddHours(1).ToString("yyyy-MM-ddTHH:mm")).With("End", DateTime.Parse(end).AddHours(1).ToString("yyyy-MM-ddTHH:mm"))));
        var updates = (await smtp.WaitForMessagesAsync(4)).Skip(2).ToList();
        Assert.All(updates, m => Assert.Equal(("REQUEST", uid, 1), (CalendarOf(m).Method, CalendarOf(m).Events.Single().Uid, CalendarOf(m).Events.Single().Sequence)));

        var list = await organiser.GetDocumentAsync($"/events/{id}/invitees");
        var perRow = list.QuerySelectorAll("table.invitees tbody tr").Single(r => r.TextContent.Contains("per@example.test"));
        // Removing asks first, saying that a cancellation goes out.
        var confirm = await organiser.GetDocumentAsync(perRow.QuerySelector("a[href$='/remove']")!.GetAttribute("href")!);
        Assert.Contains("får ett återbud nu", confirm.QuerySelector("ul.consequences")!.TextContent);
        await organiser.PostAsync(perRow.QuerySelector("a[href$='/remove']")!.GetAttribute("href"), new FormUrlEncodedContent(confirm.FormFields("form.confirm")));
        var perCancel = (await smtp.WaitForMessagesAsync(5))[4];
        Assert.Equal(("per@example.test", "CANCEL", uid), (perCancel.To.Mailboxes.Single().Address, CalendarOf(perCancel).Method, CalendarOf(perCancel).Events.Single().Uid));
        Assert.True(CalendarOf(perCancel).Events.Single().Sequence > 1);

        var show = await organiser.GetDocumentAsync($"/events/{id}");
        var cancelPage = await organiser.GetDocumentAsync(show.QuerySelector("a[href$='/cancel']")!.GetAttribute("href")!);
        Assert.Contains("1 inbjudna får ett återbud", cancelPage.QuerySelector("ul.consequences")!.TextContent);
        await organiser.PostAsync($"/events/{id}/cancel", new FormUrlEncodedContent(cancelPage.FormFields("form.confirm").With("reason", "Lokalen är vattenskadad.")));
        var annaCancel = (await smtp.WaitForMessagesAsync(6))[5];
        Assert.Contains("Skäl: Lokalen är vattenskadad.", annaCancel.TextBody);
        Assert.Contains("Lokalen är vattenskadad.", annaCancel.HtmlBody);
        Assert.Equal(("anna@example.test", "CANCEL", 2), (annaCancel.To.Mailboxes.Single().Address, CalendarOf(annaCancel).Method, CalendarOf(annaCancel).Events.Single().Sequence));
        Assert.Equal("CANCELLED", CalendarOf(annaCancel).Events.Single().Status);

        await using var check = app.CreateDbContext();
        // The server has the sixth message a moment before the worker marks its row sent: wait for the row.
        Assert.Equal(6, await Eventually.UntilAsync(() => check.OutboxMessages.CountAsync(m => m.Status == Web.Mail.OutboxStatus.Sent), n => n >= 6, "six rows marked sent"));
        Assert.Equal(6, smtp.Received.Count); // nothing twice
    }

    /// <summary>
    /// Adding invitees and queueing their mail is one transaction: when the mail cannot be written (here its
    /// templates are missing), nobody is added, so nobody sits on the list without having been invited.
    /// Once the mail can be written, the same addition invites each of them once.
    /// </summary>
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AddingInvitees_WhoseMailCannotBeWritten_AddsNobody(string provider)
    {
        var templates = Directory.CreateTempSubdirectory("dialogplanner-templates-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["Email:TemplatesPath"] = templates };
            await using var app = await AppFactory.StartAsync(provider, settings);
            var id = await AddMeetingAsync(app);
            var organiser = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
            var invitees = new Dictionary<string, string> { ["Addresses"] = "Anna Ek <anna@example.test>, per@example.test" };

            var failed = await organiser.PostFormAsync($"/events/{id}/invitees", invitees);
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
            await using (var db = app.CreateDbContext())
            {
                Assert.Empty(await db.Invitations.Where(i => i.EventId == id).ToListAsync());
                Assert.Empty(await db.OutboxMessages.ToListAsync());
            }

            foreach (var file in Directory.GetFiles(Repo.PathOf("templates", "email"), "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(templates, Path.GetRelativePath(Repo.PathOf("templates", "email"), file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
            Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"/events/{id}/invitees", invitees)).StatusCode);
            await using (var db = app.CreateDbContext())
            {
                var rows = await db.OutboxMessages.Where(m => m.Kind == "invitation").ToListAsync();
                var invited = await db.Invitations.Where(i => i.EventId == id).ToListAsync();
                Assert.Equal(["anna@example.test", "per@example.test"], invited.Select(i => i.Email).Order());
                Assert.Equal(invited.Select(i => (int?)i.Id).Order(), rows.Select(r => r.InvitationId).Order());
            }
        }
        finally
        {
            Directory.Delete(templates, recursive: true);
        }
    }
}
