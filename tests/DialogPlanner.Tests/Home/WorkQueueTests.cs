using System.Net;
using AngleSharp.Html.Dom;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Mail;

namespace DialogPlanner.Tests.Home;

/// <summary>The start page is each role's work: counts that fall when the thing is dealt with where the line leads.</summary>
public sealed class WorkQueueTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Organiser_SeesEachQueueOfTheirMunicipality_AndEachCountFallsWhenDealtWith(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var other = await app.AddMunicipalityAsync("Alvesta");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var otherStreet = await app.AddOrganisationAsync(other.Id, "Tekniska förvaltningen");
        var now = DateTime.UtcNow;
        int upcomingId, pastId, walkId, findingId, taskId, failedEventId, failedInvitationId, promiseId, pledgeId;
        await using (var db = app.CreateDbContext())
        {
            var upcoming = TestData.Event(ljungby.Id, "Dialogmöte Lagan", now.AddDays(5), invitations: [
                TestData.Invitation("a@example.test", rsvp: RsvpStatus.Accepted), TestData.Invitation("b@example.test", rsvp: RsvpStatus.Accepted),
                TestData.Invitation("c@example.test", rsvp: RsvpStatus.Declined), TestData.Invitation("d@example.test"),
                TestData.Invitation("e@example.test", removedAtUtc: now)]);
            var later = TestData.Event(ljungby.Id, "Möte om 40 dagar", now.AddDays(40));
            var past = TestData.Event(ljungby.Id, "Möte i förrgår", now.AddDays(-2), invitations: [TestData.Invitation("gammal@example.test")]);
            var walk = TestData.Walk(ljungby.Id, "Vandring Replösa", now.AddDays(-3));
            var failed = TestData.Event(ljungby.Id, "Möte med felaktig adress", now.AddDays(20), invitations: [TestData.Invitation("fel@example.test")]);
            db.Events.AddRange(upcoming, later, past, walk, failed,
                TestData.Event(other.Id, "Alvestas möte", now.AddDays(3)), TestData.Event(other.Id, "Alvestas gamla möte", now.AddDays(-2)));
            var task = TestData.Task(ljungby.Id, street.Id, "Byt lampa", dueDate: DateOnly.FromDateTime(now.AddDays(-5)));
            db.FollowUpTasks.AddRange(task, TestData.Task(other.Id, otherStreet.Id, "Alvestas lampa", dueDate: DateOnly.FromDateTime(now.AddDays(-5))));
            var promise = new CitizenPromise
            {
                MunicipalityId = ljungby.Id, Year = StockholmTime.Today(TimeProvider.System).Year, Title = "Medborgarlöfte",
                FocusAreas = [new FocusArea { Title = "Trygghet", Pledges = [new Pledge { Text = "Två grannsamverkansmöten", EventType = EventType.NeighbourhoodWatchMeeting, YearlyTarget = 2 }] }],
            };
            db.CitizenPromises.Add(promise);
            await db.SaveChangesAsync();
            var finding = TestData.Finding(walk.Id, FindingCategory.Lighting, "Mörk gångtunnel");
            db.Findings.AddRange(finding, TestData.Finding(walk.Id, FindingCategory.Litter, "Skräp vid busshållplatsen"),
                TestData.Finding(walk.Id, FindingCategory.Graffiti, "Klotter", task: task));
            db.OutboxMessages.Add(new OutboxMessage
            {
                ToAddress = "fel@example.test", Subject = "Inbjudan", Mime = "From: dialog@example.test\r\nTo: fel@example.test\r\nSubject: Inbjudan\r\n\r\nHej\r\n"u8.ToArray(), Kind = "Request", InvitationId = failed.Invitations[0].Id,
                Status = OutboxStatus.Failed, Attempts = 5, LastError = "550 No such user", NextAttemptAtUtc = now, CreatedAtUtc = now,
            });
            // A failure for a meeting that is over can no longer be helped: not on the queue.
            db.OutboxMessages.Add(new OutboxMessage
            {
                ToAddress = "gammal@example.test", Subject = "Inbjudan", Mime = "From: dialog@example.test\r\nTo: gammal@example.test\r\nSubject: Inbjudan\r\n\r\nHej\r\n"u8.ToArray(), Kind = "Request", InvitationId = past.Invitations[0].Id,
                Status = OutboxStatus.Failed, Attempts = 5, LastError = "550 No such user", NextAttemptAtUtc = now, CreatedAtUtc = now,
            });
            db.SetAsideReplies.Add(new SetAsideReply { ReceivedAtUtc = now, SetAsideAtUtc = now, Reason = SetAsideReason.NoCalendar, FromAddress = "x@example.test" });
            await db.SaveChangesAsync();
            (upcomingId, pastId, walkId, findingId, taskId) = (upcoming.Id, past.Id, walk.Id, finding.Id, task.Id);
            (failedEventId, failedInvitationId, promiseId, pledgeId) = (failed.Id, failed.Invitations[0].Id, promise.Id, promise.FocusAreas[0].Pledges[0].Id);
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var start = await organiser.GetDocumentAsync("/");
        Assert.Equal(2, Count(start, "upcoming")); // 5 and 20 days ahead; not 40 days, not Alvesta's
        var upcomingLine = Assert.Single(Lines(start, "upcoming"), l => l.Href == $"/events/{upcomingId}");
        Assert.Contains("2 kommer, 1 kan inte, 1 har inte svarat", upcomingLine.Text);
        Assert.Equal([$"/events/{pastId}", $"/events/{walkId}"], Lines(start, "awaiting-held").Select(l => l.Href).Order());
        Assert.Equal(2, Count(start, "findings"));
        Assert.Equal($"/walks/{walkId}", Assert.Single(Lines(start, "findings")).Href);
        Assert.Equal([$"/tasks/{taskId}"], Lines(start, "overdue-tasks").Select(l => l.Href));
        Assert.Equal(1, Count(start, "failed-mail")); // not the meeting that is over
        Assert.Equal([$"/events/{failedEventId}/invitees"], Lines(start, "failed-mail").Select(l => l.Href));
        Assert.Equal([$"/promises/{promiseId}"], Lines(start, "pledges-behind").Select(l => l.Href));
        Assert.Null(start.QuerySelector("[data-queue=set-aside-answers]")); // administrators only
        Assert.DoesNotContain("Alvesta", start.Body!.TextContent);

        // Each dealt with where its line leads, through the app's own forms.
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"/events/{pastId}/held", new() { ["AttendanceCount"] = "12" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"/walks/{walkId}/triage/findings/{findingId}/no-action",
            new() { ["reason"] = "Kommunen har redan beställt belysning" }, $"/walks/{walkId}")).StatusCode);
        var taskPage = await organiser.GetDocumentAsync($"/tasks/{taskId}");
        var version = taskPage.QuerySelector("form.due-date input[name=version]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"/tasks/{taskId}/due-date",
            new() { ["dueDate"] = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd"), ["version"] = version }, $"/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"/events/{failedEventId}/invitees/{failedInvitationId}/resend", [], $"/events/{failedEventId}/invitees")).StatusCode);
        await using (var db = app.CreateDbContext())
        {
            var today = StockholmTime.Now(TimeProvider.System);
            db.Events.AddRange(Enumerable.Range(0, 2).Select(i => TestData.Event(ljungby.Id, $"Grannsamverkan {i}",
                StockholmTime.ToUtc(today.Date.AddMinutes(i)), type: EventType.NeighbourhoodWatchMeeting, status: EventStatus.Held).With(e => e.PledgeId = pledgeId)));
            await db.SaveChangesAsync();
        }

        start = await organiser.GetDocumentAsync("/");
        Assert.Equal([$"/events/{walkId}"], Lines(start, "awaiting-held").Select(l => l.Href));
        Assert.Equal(1, Count(start, "findings"));
        foreach (var done in new[] { "overdue-tasks", "failed-mail", "pledges-behind" })
        {
            Assert.True(Count(start, done) == 0, done);
            Assert.Equal("Inget att göra här just nu.", start.QuerySelector($"[data-queue={done}] .empty")!.TextContent);
        }
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Administrator_SeesSetAsideAnswers_UntilTheyAreRemoved(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        await using (var db = app.CreateDbContext())
        {
            db.SetAsideReplies.Add(new SetAsideReply { ReceivedAtUtc = DateTime.UtcNow, SetAsideAtUtc = DateTime.UtcNow, Reason = SetAsideReason.NoCalendar, FromAddress = "x@example.test" });
            await db.SaveChangesAsync();
        }
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var start = await admin.GetDocumentAsync("/");
        Assert.Equal(1, Count(start, "set-aside-answers"));
        Assert.Equal("/admin/calendar-replies", Assert.Single(Lines(start, "set-aside-answers")).Href);

        var list = await admin.GetDocumentAsync("/admin/calendar-replies");
        var remove = list.QuerySelector("form.dismiss")!;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(remove.GetAttribute("action")!, [], "/admin/calendar-replies")).StatusCode);
        Assert.Equal(0, Count(await admin.GetDocumentAsync("/"), "set-aside-answers"));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TaskOwner_SeesTheirOrganisationsOpenTasks_OverdueFirst_AndAClosedOneLeaves(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var housing = await app.AddOrganisationAsync(ljungby.Id, "Ljungbybostäder");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        int overdueId, laterId;
        await using (var db = app.CreateDbContext())
        {
            var overdue = TestData.Task(ljungby.Id, street.Id, "Försenad lampa", dueDate: today.AddDays(-3));
            var later = TestData.Task(ljungby.Id, street.Id, "Beskär buskar", FollowUpStatus.New, today.AddDays(10));
            db.FollowUpTasks.AddRange(later, overdue, TestData.Task(ljungby.Id, street.Id, "Klar sedan länge", FollowUpStatus.Done),
                TestData.Task(ljungby.Id, housing.Id, "Bostädernas uppgift", dueDate: today.AddDays(-9)));
            await db.SaveChangesAsync();
            (overdueId, laterId) = (overdue.Id, later.Id);
        }
        var owner = await app.SignInAsync(await app.AddUserAsync("gata@ljungby.example", Roles.TaskOwner, organisationId: street.Id), TestData.Password);

        var start = await owner.GetDocumentAsync("/");
        Assert.Equal([$"/tasks/{overdueId}", $"/tasks/{laterId}"], Lines(start, "open-tasks").Select(l => l.Href));
        Assert.Contains("Försenad", Lines(start, "open-tasks")[0].Text);
        Assert.Null(start.QuerySelector("[data-queue=upcoming]"));

        var fields = (await owner.GetDocumentAsync($"/tasks/{overdueId}")).FormFields($"form[action='/tasks/{overdueId}']")
            .With("Status", nameof(FollowUpStatus.Done)).With("Note", "Lampan är bytt");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostAsync($"/tasks/{overdueId}", new FormUrlEncodedContent(fields))).StatusCode);

        Assert.Equal([$"/tasks/{laterId}"], Lines(await owner.GetDocumentAsync("/"), "open-tasks").Select(l => l.Href));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Participant_SeesTheirWalks_WithTheRecorder_UntilRemovedFromOne(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int mineId, removedId;
        await using (var db = app.CreateDbContext())
        {
            var mine = TestData.Walk(ljungby.Id, "Vandring Replösa", DateTime.UtcNow.AddDays(2), invitations: [TestData.Invitation("Eva@Example.test")]);
            var removed = TestData.Walk(ljungby.Id, "Vandring Ljungsäter", DateTime.UtcNow.AddDays(4), invitations: [TestData.Invitation("eva@example.test")]);
            db.Events.AddRange(mine, removed, TestData.Walk(ljungby.Id, "Någon annans vandring", DateTime.UtcNow.AddDays(3), invitations: [TestData.Invitation("per@example.test")]));
            await db.SaveChangesAsync();
            (mineId, removedId) = (mine.Id, removed.Id);
        }
        var eva = await app.SignInAsync(await app.AddUserAsync("eva@example.test", Roles.Participant), TestData.Password);
        Assert.Equal([$"/walks/{mineId}/record", $"/walks/{removedId}/record"], Lines(await eva.GetDocumentAsync("/"), "my-walks").Select(l => l.Href));

        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        int invitationId;
        await using (var db = app.CreateDbContext()) invitationId = db.Invitations.Single(i => i.EventId == removedId).Id;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/events/{removedId}/invitees/{invitationId}/remove", [], $"/events/{removedId}/invitees")).StatusCode);

        Assert.Equal([$"/walks/{mineId}/record"], Lines(await eva.GetDocumentAsync("/"), "my-walks").Select(l => l.Href));
    }

    [Fact]
    public async Task Anonymous_GetsTheWelcomeAndSignIn_WithoutAnyQueue()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var start = await app.CreateBrowser().GetDocumentAsync("/");
        Assert.Empty(start.QuerySelectorAll("[data-queue]"));
        Assert.NotNull(start.QuerySelector("a[href='/account/login']"));
    }

    private static int Count(IHtmlDocument page, string queue)
    {
        var count = page.QuerySelector($"[data-queue={queue}] h2 .count") ?? throw new InvalidOperationException($"No queue {queue}");
        return int.Parse(count.TextContent.Trim('(', ')'));
    }

    private static List<(string Href, string Text)> Lines(IHtmlDocument page, string queue) =>
        page.QuerySelectorAll($"[data-queue={queue}] li")
            .Select(li => (li.QuerySelector("a")!.GetAttribute("href")!, li.TextContent)).ToList();
}
