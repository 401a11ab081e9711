using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Invitations;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Jobs;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Operations;

/// <summary>The background jobs with two processes of the real app on one PostgreSQL database (issue 12, "Reminders and IMAP").</summary>
public sealed class TwoInstancesJobsTests
{
    private const string Uid = "7c2e0d1f3a9b4e55@dialogplanner";

    [Fact]
    public async Task RemindersGoOutOnce_AndACalendarReplyIsRecordedOnce_ByOneReaderOfTheMailbox()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var imap = await TestImapServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(DatabaseSetup.Postgres);
        var extra = new Dictionary<string, string?>(imap.Settings())
        {
            ["Email:Reminders:DaysBefore"] = "2",
            ["Email:Reminders:CheckSeconds"] = "0.2",
        };
        var (first, second) = await TwoInstancesTests.StartBothAsync(database, smtp.Port, extra);
        await using var a = first;
        await using var b = second;

        // Both instances are polling when the event comes within reminder distance.
        const int invitees = 40;
        await using (var db = database.CreateContext())
        {
            var ljungby = TestData.Municipality("Ljungby");
            db.Municipalities.Add(ljungby);
            await db.SaveChangesAsync();
            db.Events.Add(TestData.Event(ljungby.Id, "Dialogmöte i morgon", DateTime.UtcNow.AddDays(1),
                    invitations: Enumerable.Range(1, invitees).Select(i => TestData.Invitation($"boende{i}@example.test").With(x => x.SentSequence = 0)))
                .With(e => (e.CalendarUid, e.CalendarSequence) = (Uid, 0)));
            await db.SaveChangesAsync();
        }
        var reply = CalendarReplies.Bare("boende1@example.test", Uid, 0, "ACCEPTED", "Boende 1");
        await imap.AppendAsync(reply);

        var reminders = await Eventually.UntilAsync(() => OutboxAsync(database),
            r => r.Count == invitees && r.All(m => m.Status == OutboxStatus.Sent), $"{invitees} reminders Sent", seconds: 60);
        await smtp.WaitForMessagesAsync(invitees);
        var handled = await Eventually.UntilAsync(() => imap.MessageIdsAsync("DialogPlanner/Behandlade"), ids => ids.Count > 0, "the reply handled");

        Assert.Equal(invitees, smtp.Received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        Assert.Equal(invitees, smtp.Received.Count);
        Assert.Equal(invitees, reminders.Select(r => r.InvitationId).Distinct().Count());
        Assert.Equal([reply.MessageId!], handled);
        Assert.Empty(await imap.MessageIdsAsync("INBOX"));
        await using var check = database.CreateContext();
        Assert.Equal(RsvpStatus.Accepted, (await check.Invitations.SingleAsync(i => i.Email == "boende1@example.test")).Rsvp);
        var lease = await check.JobLeases.SingleAsync(l => l.Name == JobLease.Imap);
        Assert.True(lease.Holder.StartsWith(a.InstancePrefix) || lease.Holder.StartsWith(b.InstancePrefix), lease.Holder);
    }

    private static async Task<List<OutboxMessage>> OutboxAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "reminder").ToListAsync();
    }
}
