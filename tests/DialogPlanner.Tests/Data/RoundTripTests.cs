using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Municipalities;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Data;

/// <summary>Every entity is written and read back unchanged on both databases.</summary>
public sealed class RoundTripTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EveryEntity_SurvivesARoundTrip(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var start = TestData.Stockholm(2026, 3, 29, 10); // the day clocks go forward
        var due = new DateOnly(2026, 11, 30);

        await using (var db = await database.CreateMigratedContextAsync())
        {
            var ljungby = new Municipality { Name = "Ljungby", Slug = "ljungby", Latitude = 56.833, Longitude = 13.9408 };
            var police = new Organisation { Municipality = ljungby, Name = "Polisen, lokalpolisområde Ljungby", Kind = OrganisationKind.Police, Email = "ljungby@polisen.example" };
            var pledge = new Pledge
            {
                Text = "Kommun och Polis genomför grannsamverkansmöte minst 1 gång under året.", Responsible = PledgeParty.Both,
                EventType = EventType.NeighbourhoodWatchMeeting, YearlyTarget = 1, TargetIsMinimum = true, Notes = "Åäö ✓",
            };
            var promise = new CitizenPromise
            {
                Municipality = ljungby, Year = 2026, Title = "Medborgarlöfte 2026",
                FocusAreas = [new FocusArea { Title = "Oro för inbrott och våld i samhället", Description = "Landsbygden", SortOrder = 1, Pledges = [pledge] }],
            };
            var group = new ContactGroup { Municipality = ljungby, Name = "Grannsamverkan Lagan" };
            var contact = new Contact { Municipality = ljungby, Name = "Åsa Ö, Testsson", Email = "asa@example.test", Organisation = police, Language = "en", Groups = [group] };
            var meeting = new Event
            {
                Municipality = ljungby, Type = EventType.NeighbourhoodWatchMeeting, Title = "Grannsamverkansmöte", Description = "Agenda",
                StartsAtUtc = start, EndsAtUtc = start.AddHours(2), Location = "Ljungby bibliotek", Latitude = 56.83, Longitude = 13.94,
                Status = EventStatus.Scheduled, Capacity = 40, IsPublic = true, Pledge = pledge, CalendarSequence = 2,
                Invitations = [new Invitation { Email = contact.Email, Name = contact.Name, Contact = contact, Rsvp = RsvpStatus.Tentative, SentSequence = 2, RespondedAtUtc = start.AddDays(-3) }],
            };
            var walk = new Event { Municipality = ljungby, Type = EventType.SafetyWalk, Title = "Trygghetsvandring", Location = "Replösa", StartsAtUtc = start, EndsAtUtc = start.AddHours(2) };
            var task = new FollowUpTask { Municipality = ljungby, Title = "Byt armatur", ResponsibleOrganisation = police, DueDate = due, Priority = TaskPriority.High, Status = FollowUpStatus.InProgress };
            var finding = new Finding { Event = walk, Category = FindingCategory.Lighting, Description = "Trasig lampa", Place = "Gångtunneln", Latitude = 56.8, Longitude = 13.9, FollowUpTask = task, Triage = FindingTriage.Tasked };
            var outbox = new OutboxMessage { ToAddress = contact.Email, Subject = "Inbjudan", Mime = [1, 2, 3], Kind = "invitation", NextAttemptAtUtc = start, Status = OutboxStatus.Failed, Attempts = 3, LastError = "550 nej" };
            var user = new AppUser { UserName = "org@example.test", Email = "org@example.test", DisplayName = "Organisatör", Organisation = police, Municipalities = [ljungby] };
            db.AddRange(promise, group, contact, meeting, walk, task, finding, outbox, user);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var promise = await db.CitizenPromises.Include(p => p.Municipality).Include(p => p.FocusAreas).ThenInclude(f => f.Pledges).SingleAsync();
            Assert.Equal(("Ljungby", 2026), (promise.Municipality.Name, promise.Year));
            var pledge = Assert.Single(Assert.Single(promise.FocusAreas).Pledges);
            Assert.Equal((PledgeParty.Both, EventType.NeighbourhoodWatchMeeting, 1, true, "Åäö ✓"),
                (pledge.Responsible, pledge.EventType!.Value, pledge.YearlyTarget!.Value, pledge.TargetIsMinimum, pledge.Notes));

            var contact = await db.Contacts.Include(c => c.Groups).Include(c => c.Organisation).SingleAsync();
            Assert.Equal(("Åsa Ö, Testsson", "en", "Grannsamverkan Lagan", OrganisationKind.Police),
                (contact.Name, contact.Language, Assert.Single(contact.Groups).Name, contact.Organisation!.Kind));

            var meeting = await db.Events.Include(e => e.Invitations).Include(e => e.Pledge).SingleAsync(e => e.Type == EventType.NeighbourhoodWatchMeeting);
            Assert.Equal(start, meeting.StartsAtUtc);
            Assert.Equal(DateTimeKind.Utc, meeting.StartsAtUtc.Kind);
            Assert.Equal(new DateTime(2026, 3, 29, 8, 0, 0, DateTimeKind.Utc), meeting.StartsAtUtc); // 10:00 CEST
            Assert.Equal((EventStatus.Scheduled, 40, true, 2, 56.83), (meeting.Status, meeting.Capacity!.Value, meeting.IsPublic, meeting.CalendarSequence, meeting.Latitude!.Value));
            Assert.NotEqual(Guid.Empty, meeting.Version);
            Assert.NotEqual(default, meeting.CreatedAtUtc);
            Assert.Contains("@dialogplanner", meeting.CalendarUid);
            var invitation = Assert.Single(meeting.Invitations);
            Assert.Equal((RsvpStatus.Tentative, 2, start.AddDays(-3)), (invitation.Rsvp, invitation.SentSequence, invitation.RespondedAtUtc!.Value));
            Assert.True(invitation.Token.Length >= 43);

            var finding = await db.Findings.Include(f => f.FollowUpTask).ThenInclude(t => t!.ResponsibleOrganisation).SingleAsync();
            Assert.Equal((FindingCategory.Lighting, "Gångtunneln", FindingTriage.Tasked), (finding.Category, finding.Place, finding.Triage));
            Assert.Equal((due, TaskPriority.High, FollowUpStatus.InProgress), (finding.FollowUpTask!.DueDate, finding.FollowUpTask.Priority, finding.FollowUpTask.Status));

            var outbox = await db.OutboxMessages.SingleAsync();
            Assert.Equal([1, 2, 3], outbox.Mime);
            Assert.Equal((OutboxStatus.Failed, 3, "550 nej"), (outbox.Status, outbox.Attempts, outbox.LastError));

            var user = await db.Users.Include(u => u.Municipalities).Include(u => u.Organisation).SingleAsync();
            Assert.Equal(("Ljungby", "Polisen, lokalpolisområde Ljungby"), (Assert.Single(user.Municipalities).Name, user.Organisation!.Name));
        }
    }
}
