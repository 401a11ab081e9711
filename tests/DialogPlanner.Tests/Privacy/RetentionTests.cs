using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Privacy;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Privacy;

public sealed class RetentionTests
{
    private static readonly DateTime Now = DateTime.UtcNow;

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EachRule_RemovesExactlyWhatIsOlderThanItsPeriod(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Retention:MailBodyDays"] = "30", ["Retention:SetAsideReplyDays"] = "30", ["Retention:ContactNotInvitedYears"] = "2",
            ["Retention:AuditLogDays"] = "365", ["Retention:ClosedTaskPhotoMonths"] = "12", ["Jobs:RetentionFirstDelayMinutes"] = "10000", // the test applies the rules itself, at the moment it chooses
        });
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await using (var db = app.CreateDbContext())
        {
            // The queued one waits for a later try, as after a failed attempt: due now, the app's outbox worker could
            // send it before the rules run, and a sent mail of 40 days loses its body.
            OutboxMessage Mail(string to, DateTime created, OutboxStatus status) => new()
            {
                ToAddress = to, Subject = "Inbjudan", Kind = "invitation", Mime = [1, 2, 3], Status = status, CreatedAtUtc = created,
                NextAttemptAtUtc = status == OutboxStatus.Queued ? Now.AddHours(1) : created,
            };
            db.AddRange(Mail("gammal@example.org", Now.AddDays(-31), OutboxStatus.Sent), Mail("ny@example.org", Now.AddDays(-29), OutboxStatus.Sent),
                Mail("kö@example.org", Now.AddDays(-40), OutboxStatus.Queued));
            db.AddRange(
                new SetAsideReply { FromAddress = "gammal@example.org", ReceivedAtUtc = Now.AddDays(-31), SetAsideAtUtc = Now.AddDays(-31), Reason = SetAsideReason.NoCalendar },
                new SetAsideReply { FromAddress = "ny@example.org", ReceivedAtUtc = Now.AddDays(-29), SetAsideAtUtc = Now.AddDays(-29), Reason = SetAsideReason.NoCalendar });
            var forgotten = new Contact { MunicipalityId = ljungby.Id, Name = "Glömd Person", Email = "glomd@example.org" };
            var invitedLongAgo = new Contact { MunicipalityId = ljungby.Id, Name = "Länge Sedan", Email = "lange@example.org" };
            var invitedLately = new Contact { MunicipalityId = ljungby.Id, Name = "Nyss Bjuden", Email = "nyss@example.org" };
            db.AddRange(forgotten, invitedLongAgo, invitedLately);
            await db.SaveChangesAsync();
            var old = TestData.Event(ljungby.Id, startsAtUtc: Now.AddYears(-3), invitations: [TestData.Invitation("lange@example.org").With(i => i.Contact = invitedLongAgo)]);
            var recent = TestData.Event(ljungby.Id, invitations: [TestData.Invitation("nyss@example.org").With(i => i.Contact = invitedLately)]);
            db.AddRange(old, recent);
            await db.SaveChangesAsync();
            var street = new Web.Features.Organisations.Organisation { MunicipalityId = ljungby.Id, Name = "Gatukontoret" };
            var walk = TestData.Walk(ljungby.Id, startsAtUtc: Now.AddYears(-2));
            var closed = TestData.Task(ljungby.Id, street, "Byt armatur", FollowUpStatus.Done).With(t => (t.AfterPhotoPath, t.AfterPhotoContentType) = ("2024/efter.jpg", "image/jpeg"));
            var open = TestData.Task(ljungby.Id, street, "Laga trappan").With(t => (t.AfterPhotoPath, t.AfterPhotoContentType) = ("2024/trappa.jpg", "image/jpeg"));
            db.AddRange(walk, closed, open);
            await db.SaveChangesAsync();
            db.Add(TestData.Finding(walk.Id, Web.Features.Walks.FindingCategory.Lighting, "Trasig lampa", task: closed).With(f => (f.PhotoPath, f.PhotoContentType) = ("2024/lampa.jpg", "image/jpeg")));
            db.AddRange(
                new AuditEntry { AtUtc = Now.AddDays(-366), Entity = "Event", EntityId = "1", Action = AuditAction.Changed },
                new AuditEntry { AtUtc = Now.AddDays(-364), Entity = "Event", EntityId = "2", Action = AuditAction.Changed });
            await db.SaveChangesAsync();
        }
        // Rows saved by the test are stamped now; age them as if they had stood untouched.
        await using (var db = app.CreateDbContext())
        {
            await db.Contacts.ExecuteUpdateAsync(s => s.SetProperty(c => c.UpdatedAtUtc, Now.AddYears(-3)));
            await db.FollowUpTasks.ExecuteUpdateAsync(s => s.SetProperty(t => t.UpdatedAtUtc, Now.AddMonths(-13)));
            await db.Invitations.Where(i => i.Email == "lange@example.org").ExecuteUpdateAsync(s => s.SetProperty(i => i.CreatedAtUtc, Now.AddYears(-3)));
        }

        Directory.CreateDirectory(Path.Combine(app.PhotoPath, "2024"));
        foreach (var name in new[] { "efter.jpg", "efter.thumb.jpg", "lampa.jpg", "trappa.jpg" }) await File.WriteAllBytesAsync(Path.Combine(app.PhotoPath, "2024", name), [0xFF, 0xD8]);

        using var scope = app.Services.CreateScope();
        var removed = await scope.ServiceProvider.GetRequiredService<Retention>().ApplyAsync(CancellationToken.None);

        Assert.Equal(new Retention.Removed(MailBodies: 1, SetAsideReplies: 1, Photos: 2, Contacts: 2, AuditEntries: 1, CheckIns: 0), removed);
        await using var check = app.CreateDbContext();
        var mails = await check.OutboxMessages.OrderBy(m => m.Id).Select(m => new { m.ToAddress, Bytes = m.Mime.Length, m.Status }).ToListAsync();
        Assert.Equal([("gammal@example.org", 0), ("ny@example.org", 3), ("kö@example.org", 3)], mails.Select(m => (m.ToAddress, m.Bytes)));
        Assert.Equal(["ny@example.org"], await check.SetAsideReplies.Select(r => r.FromAddress!).ToListAsync());
        Assert.Equal(["nyss@example.org"], await check.Contacts.Select(c => c.Email).ToListAsync());
        Assert.Equal(2, await check.Invitations.CountAsync()); // invitations keep their own name and address
        Assert.Equal([null, "2024/trappa.jpg"], await check.FollowUpTasks.OrderBy(t => t.Id).Select(t => t.AfterPhotoPath).ToListAsync());
        Assert.Null(await check.Findings.Select(f => f.PhotoPath).SingleAsync());
        Assert.Equal(["trappa.jpg"], Directory.GetFiles(Path.Combine(app.PhotoPath, "2024")).Select(Path.GetFileName));
        Assert.DoesNotContain(await check.AuditEntries.Select(a => a.EntityId).ToListAsync(), id => id == "1");
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DropIns_LoseNameAndAddress_OnceTheFeedbackIsOlderThanThePeriod_ButStillCountAsParticipants(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider, new Dictionary<string, string?>
        {
            ["Retention:CheckInDaysAfterFeedback"] = "30", ["Jobs:RetentionFirstDelayMinutes"] = "10000",
        });
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        Invitation DropIn(string email, string name, string? organisation) =>
            TestData.Invitation(email, name, RsvpStatus.Accepted).With(i => (i.CheckedInAtUtc, i.Organisation) = (Now.AddDays(-40), organisation));
        int oldWalkId, recentWalkId;
        await using (var db = app.CreateDbContext())
        {
            var old = TestData.Walk(ljungby.Id, "Vandring Centrum", startsAtUtc: Now.AddDays(-40), status: EventStatus.Held, invitations:
                [DropIn("eva.ek@example.org", "Eva Ek", "Ljungbybostäder"), DropIn("", "Bo Utan Adress", null), TestData.Invitation("inbjuden@example.org", "Inbjuden Person", RsvpStatus.Accepted)])
                .With(w => w.FeedbackSentAtUtc = Now.AddDays(-31));
            var recent = TestData.Walk(ljungby.Id, "Vandring Replösa", startsAtUtc: Now.AddDays(-10), status: EventStatus.Held, invitations: [DropIn("ny@example.org", "Ny Deltagare", null)])
                .With(w => w.FeedbackSentAtUtc = Now.AddDays(-5));
            db.AddRange(old, recent);
            await db.SaveChangesAsync();
            (oldWalkId, recentWalkId) = (old.Id, recent.Id);
            var eva = old.Invitations.Single(i => i.Name == "Eva Ek");
            db.Add(new OutboxMessage
            {
                ToAddress = "eva.ek@example.org", ToName = "Eva Ek", Subject = "Återkoppling", Kind = "walk-feedback", Mime = [1, 2, 3], InvitationId = eva.Id,
                Status = OutboxStatus.Sent, SentAtUtc = Now.AddDays(-31), CreatedAtUtc = Now.AddDays(-31), NextAttemptAtUtc = Now.AddDays(-31),
            });
            await db.SaveChangesAsync();
        }

        using var scope = app.Services.CreateScope();
        var removed = await scope.ServiceProvider.GetRequiredService<Retention>().ApplyAsync(CancellationToken.None);

        Assert.Equal(Retention.Removed.Nothing with { CheckIns = 2 }, removed);
        await using var check = app.CreateDbContext();
        var people = await check.Invitations.OrderBy(i => i.Id).Select(i => new { i.EventId, i.Name, i.Email, i.Organisation, i.Rsvp, i.CheckedInAtUtc }).ToListAsync();
        Assert.Equal(
            [(oldWalkId, null, "", "Ljungbybostäder"), (oldWalkId, null, "", null), (oldWalkId, "Inbjuden Person", "inbjuden@example.org", null), (recentWalkId, "Ny Deltagare", "ny@example.org", null)],
            people.Select(p => (p.EventId, p.Name, p.Email, p.Organisation)));
        Assert.All(people, p => Assert.Equal(RsvpStatus.Accepted, p.Rsvp));
        Assert.Equal(3, people.Count(p => p.CheckedInAtUtc is not null)); // they still came
        var mail = await check.OutboxMessages.SingleAsync();
        Assert.Equal(($"drop-in@{Erasure.ErasedDomain}", null, 0, OutboxStatus.Sent), (mail.ToAddress, mail.ToName, mail.Mime.Length, mail.Status));
        var everything = string.Join(" ", people.Select(p => $"{p.Name} {p.Email}"));
        Assert.DoesNotContain("Eva", everything);
        Assert.DoesNotContain("eva.ek", everything);

        Assert.Equal(Retention.Removed.Nothing, await scope.ServiceProvider.GetRequiredService<Retention>().ApplyAsync(CancellationToken.None)); // nothing left to forget
    }
}
