using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Walks;

/// <summary>The meetings around a walk and the re-walk that checks what is still open.</summary>
public sealed class WalkPlanningTests
{
    private sealed record Setup(int MunicipalityId, int WalkId, string Organiser);

    private static async Task<Setup> SeedWalkAsync(AppFactory app)
    {
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var organiser = await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id);
        await using var db = app.CreateDbContext();
        var walk = TestData.Walk(
            ljungby.Id,
            // Some weeks ahead: the meetings' default dates fall on both sides of it, after today.
            startsAtUtc: DateTime.UtcNow.Date.AddDays(60).AddHours(17), location: "Replösa torg",
            invitations:
            [
                TestData.Invitation("anna@example.test", "Anna"),
                TestData.Invitation("per@example.test", "Per", language: "en"),
                TestData.Invitation("gone@example.test", removedAtUtc: DateTime.UtcNow),
            ],
            stops:
            [
                TestData.Stop("Torget", 1, 56.8330, 13.9400),
                TestData.Stop("Gångtunneln", 2, 56.8350, 13.9450),
                TestData.Stop("Skolgården", 3),
            ]);
        db.Events.Add(walk);
        await db.SaveChangesAsync();
        return new Setup(ljungby.Id, walk.Id, organiser);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Meetings_AreDraftsOfTheirOwn_LinkedBothWays_AndTheirInvitationsGoOutWhenScheduled(string provider)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var app = await AppFactory.StartAsync(provider, OutboxTestKit.Smtp(smtp.Port));
        var s = await SeedWalkAsync(app);
        var organiser = await app.SignInAsync(s.Organiser, TestData.Password);

        var walkPage = await organiser.GetDocumentAsync($"/walks/{s.WalkId}");
        Assert.Contains("2", walkPage.QuerySelector("label[for=inviteWalkInvitees]")!.TextContent);
        var ids = new Dictionary<WalkMeetingRole, int>();
        foreach (var role in new[] { WalkMeetingRole.Preparatory, WalkMeetingRole.FollowUp })
        {
            var fields = walkPage.FormFields("#meeting-form").With("role", role.ToString());
            if (role == WalkMeetingRole.FollowUp) fields.RemoveAll(f => f.Key == "inviteWalkInvitees");
            var created = await organiser.PostAsync($"/walks/{s.WalkId}/meetings", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            var location = created.Headers.Location!.OriginalString;
            Assert.Matches(@"^/events/\d+/edit$", location);
            ids[role] = int.Parse(location.Split('/')[2]);
        }

        await using (var db = app.CreateDbContext())
        {
            var walk = await db.Events.SingleAsync(e => e.Id == s.WalkId);
            var prep = await db.Events.Include(e => e.Invitations).SingleAsync(e => e.Id == ids[WalkMeetingRole.Preparatory]);
            var follow = await db.Events.Include(e => e.Invitations).SingleAsync(e => e.Id == ids[WalkMeetingRole.FollowUp]);
            Assert.Equal((s.WalkId, WalkMeetingRole.Preparatory, EventStatus.Draft, s.MunicipalityId, "Replösa torg"), (prep.WalkEventId, prep.WalkRole, prep.Status, prep.MunicipalityId, prep.Location));
            Assert.Equal((s.WalkId, WalkMeetingRole.FollowUp, EventStatus.Draft), (follow.WalkEventId, follow.WalkRole, follow.Status));
            Assert.True(prep.EndsAtUtc < walk.StartsAtUtc && follow.StartsAtUtc > walk.EndsAtUtc);
            Assert.Equal(18, StockholmTime.FromUtc(prep.StartsAtUtc).Hour);
            Assert.DoesNotContain(StockholmTime.FromUtc(prep.StartsAtUtc).DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
            Assert.DoesNotContain(StockholmTime.FromUtc(follow.StartsAtUtc).DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
            // The walk's live invitees, not the one taken off its list; the follow-up was made without them.
            Assert.Equal(["anna@example.test", "per@example.test"], prep.Invitations.Select(i => i.Email).Order());
            Assert.Equal("en", prep.Invitations.Single(i => i.Email == "per@example.test").Language);
            Assert.Empty(follow.Invitations);
            Assert.Equal(0, await db.OutboxMessages.CountAsync());
        }

        walkPage = await organiser.GetDocumentAsync($"/walks/{s.WalkId}");
        Assert.NotNull(walkPage.QuerySelector($"#meetings a[href='/events/{ids[WalkMeetingRole.Preparatory]}']"));
        Assert.NotNull(walkPage.QuerySelector($"#meetings a[href='/events/{ids[WalkMeetingRole.FollowUp]}']"));
        var meetingPage = await organiser.GetDocumentAsync($"/events/{ids[WalkMeetingRole.Preparatory]}");
        Assert.Equal($"/walks/{s.WalkId}", meetingPage.QuerySelector("#walk-link a")!.GetAttribute("href"));
        Assert.Contains("Förberedande möte", meetingPage.QuerySelector(".facts")!.TextContent);

        // Scheduling the meeting sends its invitations through the usual sender.
        var edit = await organiser.GetDocumentAsync($"/events/{ids[WalkMeetingRole.Preparatory]}/edit");
        var scheduled = await organiser.PostAsync($"/events/{ids[WalkMeetingRole.Preparatory]}/edit", new FormUrlEncodedContent(edit.FormFields("form.form").With("AsDraft", "false")));
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var sent = await smtp.WaitForMessagesAsync(2);
        Assert.Equal(["anna@example.test", "per@example.test"], sent.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(sent, m => Assert.Contains("Förberedande möte", m.Subject + m.TextBody));
    }

    [Fact]
    public async Task WalkPlanning_IsForOrganisersOfTheWalksMunicipality()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var s = await SeedWalkAsync(app);
        var vaxjo = await app.AddMunicipalityAsync("Växjö");
        var street = await app.AddOrganisationAsync(s.MunicipalityId, "Gatuavdelningen");
        var stranger = await app.SignInAsync(await app.AddUserAsync("org@vaxjo.example", Roles.Organiser, vaxjo.Id), TestData.Password);
        var owner = await app.SignInAsync(await app.AddUserAsync("gata@ljungby.example", Roles.TaskOwner, organisationId: street.Id), TestData.Password);
        var participant = await app.SignInAsync(await app.AddUserAsync("deltagare@ljungby.example", Roles.Participant, s.MunicipalityId), TestData.Password);
        int findingId;
        await using (var db = app.CreateDbContext())
        {
            var finding = TestData.Finding(s.WalkId, FindingCategory.Lighting, "Mörkt", "Torget");
            db.Findings.Add(finding);
            await db.SaveChangesAsync();
            findingId = finding.Id;
        }

        var posts = new (string Url, Dictionary<string, string> Fields)[]
        {
            ($"/walks/{s.WalkId}/meetings", new() { ["role"] = "Preparatory", ["inviteWalkInvitees"] = "true" }),
            ($"/walks/{s.WalkId}/rewalk", new()),
            ($"/walks/{s.WalkId}/findings/{findingId}/check", new() { ["result"] = "Fixed" }),
            ($"/walks/{s.WalkId}/stops/position", new() { ["stopId"] = "1", ["latitude"] = "56.1", ["longitude"] = "13.1" }),
        };
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/walks/{s.WalkId}")).StatusCode);
        foreach (var (url, fields) in posts)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostFormAsync(url, fields, "/")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await owner.PostFormAsync(url, fields, "/")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await participant.PostFormAsync(url, fields, "/")).StatusCode);
        }
        await using var check = app.CreateDbContext();
        Assert.Equal(1, await check.Events.CountAsync());
        Assert.Equal(FindingTriage.Open, (await check.Findings.SingleAsync()).Triage);
        Assert.Null((await check.WalkStops.SingleAsync(x => x.Name == "Skolgården")).Latitude);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rewalk_CopiesTheRoute_AndExactlyTheFindingsOfOpenTasks_ToCheckOffOnTheSpot(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var s = await SeedWalkAsync(app);
        var street = await app.AddOrganisationAsync(s.MunicipalityId, "Gatuavdelningen");
        var carriedDescriptions = new[] { "Ny", "Tilldelad", "Pågår", "Samma åtgärd som Tilldelad" };
        await using (var db = app.CreateDbContext())
        {
            FollowUpTask Task(FollowUpStatus status) => TestData.Task(s.MunicipalityId, street.Id, status.ToString(), status, new DateOnly(2099, 12, 1));
            var assigned = Task(FollowUpStatus.Assigned);
            Finding Make(string description, FollowUpTask? task, FindingTriage triage = FindingTriage.Tasked) =>
                TestData.Finding(s.WalkId, FindingCategory.Lighting, description, "Torget", 56.834, 13.941, task, task is null ? triage : FindingTriage.Tasked);
            db.Findings.AddRange(
                Make("Ny", Task(FollowUpStatus.New)), Make("Tilldelad", assigned), Make("Pågår", Task(FollowUpStatus.InProgress)),
                Make("Klar", Task(FollowUpStatus.Done)), Make("Avvisad", Task(FollowUpStatus.Rejected)), Make("Inte vår", Task(FollowUpStatus.NotOurs)),
                Make("Obehandlad", null, FindingTriage.Open), Make("Ingen åtgärd", null, FindingTriage.NoAction),
                Make("Samma åtgärd som Tilldelad", assigned));
            await db.SaveChangesAsync();
        }
        var organiser = await app.SignInAsync(s.Organiser, TestData.Password);

        var walkPage = await organiser.GetDocumentAsync($"/walks/{s.WalkId}");
        var created = await organiser.PostAsync($"/walks/{s.WalkId}/rewalk", new FormUrlEncodedContent(walkPage.FormFields("#rewalk-form")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var rewalkId = int.Parse(created.Headers.Location!.OriginalString.Split('/')[2]);

        await using (var db = app.CreateDbContext())
        {
            var old = await db.Events.Include(e => e.Stops).SingleAsync(e => e.Id == s.WalkId);
            var rewalk = await db.Events.Include(e => e.Stops).SingleAsync(e => e.Id == rewalkId);
            Assert.Equal((EventType.SafetyWalk, EventStatus.Draft, s.WalkId, s.MunicipalityId), (rewalk.Type, rewalk.Status, rewalk.PreviousWalkId, rewalk.MunicipalityId));
            Assert.True(rewalk.StartsAtUtc > old.StartsAtUtc);
            Assert.Equal(old.Stops.OrderBy(x => x.Order).Select(x => (x.Name, x.Latitude, x.Longitude)), rewalk.Stops.OrderBy(x => x.Order).Select(x => (x.Name, x.Latitude, x.Longitude)));
            Assert.Equal(3, await db.WalkStops.CountAsync(x => x.EventId == s.WalkId));
            var copies = await db.Findings.Where(f => f.EventId == rewalkId).ToListAsync();
            Assert.Equal(carriedDescriptions.Order(), copies.Select(f => f.Description).Order());
            var originals = await db.Findings.Where(f => f.EventId == s.WalkId).ToDictionaryAsync(f => f.Id);
            Assert.All(copies, c =>
            {
                Assert.Equal(c.Description, originals[c.CarriedFromFindingId!.Value].Description);
                Assert.Equal((FindingTriage.Open, (int?)null, 56.834), (c.Triage, c.FollowUpTaskId, c.Latitude));
            });
        }

        // The new walk's page shows them as a checklist; the organiser checks one off as fixed, one as still there.
        var page = await organiser.GetDocumentAsync($"/walks/{rewalkId}");
        var items = page.QuerySelectorAll("#checklist li");
        Assert.Equal(4, items.Length);
        Assert.NotNull(page.QuerySelector($"#meetings a[href='/walks/{s.WalkId}']"));
        Assert.NotNull((await organiser.GetDocumentAsync($"/walks/{s.WalkId}")).QuerySelector($"#meetings a[href='/walks/{rewalkId}']"));
        int fixedId, remainsId, participantId;
        await using (var db = app.CreateDbContext())
        {
            var copies = await db.Findings.Where(f => f.EventId == rewalkId).ToListAsync();
            (fixedId, remainsId, participantId) = (copies.Single(f => f.Description == "Ny").Id, copies.Single(f => f.Description == "Tilldelad").Id, copies.Single(f => f.Description == "Pågår").Id);
        }
        var form = page.QuerySelector($"#check-{fixedId} form")!;
        Assert.Equal($"/walks/{rewalkId}/findings/{fixedId}/check", form.GetAttribute("action"));
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"/walks/{rewalkId}/findings/{fixedId}/check", new() { ["result"] = "Fixed" }, $"/walks/{rewalkId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"/walks/{rewalkId}/findings/{remainsId}/check", new() { ["result"] = "Remains" }, $"/walks/{rewalkId}")).StatusCode);

        // A participant with the re-walk's personal link checks off on the phone.
        string token;
        await using (var db = app.CreateDbContext())
        {
            var invitation = TestData.Invitation("anna@example.test", eventId: rewalkId);
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync();
            token = invitation.Token;
        }
        var phone = app.CreateBrowser();
        var recorder = await phone.GetDocumentAsync($"/w/{token}");
        Assert.Equal(4, recorder.QuerySelectorAll("#checklist li").Length);
        Assert.Contains("Åtgärdat", recorder.QuerySelector($"#check-{fixedId} .check-state")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await phone.PostFormAsync($"/w/{token}/findings/{participantId}/check", new() { ["result"] = "Remains" }, $"/w/{token}")).StatusCode);

        await using (var db = app.CreateDbContext())
        {
            var byId = await db.Findings.Include(f => f.FollowUpTask).Where(f => f.EventId == rewalkId).ToDictionaryAsync(f => f.Id);
            Assert.Equal(FindingTriage.NoAction, byId[fixedId].Triage);
            Assert.Contains("Åtgärdat", byId[fixedId].NoActionReason);
            Assert.Equal((FindingTriage.Tasked, "Assigned"), (byId[remainsId].Triage, byId[remainsId].FollowUpTask?.Title));
            Assert.Equal((FindingTriage.Tasked, "InProgress"), (byId[participantId].Triage, byId[participantId].FollowUpTask?.Title));
            Assert.Equal(FindingTriage.Open, byId.Values.Single(f => f.Description == "Samma åtgärd som Tilldelad").Triage);
            // The earlier tasks are their owners' to close: checking off changes none of them.
            Assert.Equal(FollowUpStatus.New, (await db.FollowUpTasks.SingleAsync(x => x.Title == "New")).Status);
        }
    }
}
