using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Promises;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Events;

/// <summary>
/// Organisers are asked, on a page of its own that says what will happen, before mail goes to more than 20 people at
/// once and before a deletion; nothing changes until they confirm, and the pages are plain forms (no script needed).
/// </summary>
public sealed class ConfirmationTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PastingMoreThan20Addresses_ToAScheduledEvent_AsksFirst_ThenInvitesThemOnce(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int id;
        await using (var db = app.CreateDbContext())
        {
            var e = TestData.Event(ljungby.Id, "Dialogmöte Lagan");
            db.Events.Add(e);
            await db.SaveChangesAsync();
            id = e.Id;
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        var addresses = string.Join("; ", Enumerable.Range(1, 37).Select(i => $"Person {i} <person{i}@example.test>"));

        var ask = await organiser.PostFormAsync($"/events/{id}/invitees", new() { ["Addresses"] = addresses });

        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        var page = await ask.ReadDocumentAsync();
        Assert.Equal("37 personer får en inbjudan nu.", page.QuerySelector("ul.consequences li")!.TextContent);
        await using (var db = app.CreateDbContext())
            Assert.Equal((0, 0), (await db.Invitations.CountAsync(i => i.EventId == id), await db.OutboxMessages.CountAsync()));

        var confirmed = await organiser.PostAsync($"/events/{id}/invitees", new FormUrlEncodedContent(page.FormFields("form.confirm")));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(37, await db.Invitations.CountAsync(i => i.EventId == id));
            // More than twenty are built by the job after the post (docs/decisions/0022).
            Assert.Equal(37, await Eventually.UntilAsync(() => db.OutboxMessages.CountAsync(), n => n >= 37, "37 outbox rows"));
        }
        // Twenty at once go straight out, as before.
        var twenty = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"ny{i}@example.test"));
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync($"/events/{id}/invitees", new() { ["Addresses"] = twenty })).StatusCode);
        await using (var db = app.CreateDbContext()) Assert.Equal(57, await db.Invitations.CountAsync(i => i.EventId == id));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SchedulingADraftWith21Invitees_AsksFirst_AndLeavesItADraftUntilConfirmed(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int id;
        await using (var db = app.CreateDbContext())
        {
            var e = TestData.Event(ljungby.Id, "Möte med hyresvärdar", status: EventStatus.Draft,
                invitations: Enumerable.Range(1, 21).Select(i => TestData.Invitation($"hyresvard{i}@example.test")));
            db.Events.Add(e);
            await db.SaveChangesAsync();
            id = e.Id;
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        var form = (await organiser.GetDocumentAsync($"/events/{id}/edit")).FormFields("form.form").Where(f => f.Key != "AsDraft").ToList();

        var ask = await organiser.PostAsync($"/events/{id}/edit", new FormUrlEncodedContent(form));

        var page = await ask.ReadDocumentAsync();
        Assert.Equal("Skicka e-post till 21 personer?", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("21 personer får en inbjudan nu.", page.QuerySelector("ul.consequences li")!.TextContent);
        await using (var db = app.CreateDbContext()) Assert.Equal(EventStatus.Draft, (await db.Events.SingleAsync(e => e.Id == id)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostAsync($"/events/{id}/edit", new FormUrlEncodedContent(page.FormFields("form.confirm")))).StatusCode);
        await using (var db = app.CreateDbContext())
        {
            Assert.Equal(EventStatus.Scheduled, (await db.Events.SingleAsync(e => e.Id == id)).Status);
            Assert.Equal(21, await Eventually.UntilAsync(() => db.OutboxMessages.CountAsync(), n => n >= 21, "21 outbox rows"));
        }
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DeletingAFocusAreaAPledgeOrAStop_SaysWhatHappens_AndDeletesOnlyOnConfirm(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int areaId, pledgeId, walkId, stopId;
        await using (var db = app.CreateDbContext())
        {
            var promise = new CitizenPromise
            {
                MunicipalityId = ljungby.Id, Year = 2026, Title = "Medborgarlöfte",
                FocusAreas = [new FocusArea { Title = "Trygghet i centrum", Pledges = [
                    new Pledge { Text = "Fyra dialogmöten", EventType = EventType.DialogueMeeting, YearlyTarget = 4 },
                    new Pledge { Text = "Två vandringar", EventType = EventType.SafetyWalk, YearlyTarget = 2 }] }],
            };
            var walk = TestData.Walk(ljungby.Id, stops: [TestData.Stop("Stortorget", 1), TestData.Stop("Gångtunneln", 2)]);
            db.AddRange(promise, walk);
            await db.SaveChangesAsync();
            db.Events.Add(TestData.Event(ljungby.Id).With(e => e.PledgeId = promise.FocusAreas[0].Pledges[0].Id));
            await db.SaveChangesAsync();
            (areaId, pledgeId, walkId, stopId) = (promise.FocusAreas[0].Id, promise.FocusAreas[0].Pledges[1].Id, walk.Id, walk.Stops[1].Id);
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var pledgePage = await organiser.GetDocumentAsync((await organiser.GetDocumentAsync($"/promises/pledges/{pledgeId}/edit")).QuerySelector("a[href$='/delete']")!.GetAttribute("href")!);
        var stopPage = await organiser.GetDocumentAsync((await organiser.GetDocumentAsync($"/walks/{walkId}")).QuerySelector($"a[href$='/stops/{stopId}/remove']")!.GetAttribute("href")!);
        Assert.Contains("”Två vandringar” tas bort", pledgePage.QuerySelector("ul.consequences")!.TextContent);
        Assert.Contains("Ta bort stoppet Gångtunneln?", stopPage.QuerySelector("h1")!.TextContent);
        await using (var db = app.CreateDbContext()) Assert.Equal((2, 2), (await db.Pledges.CountAsync(), await db.WalkStops.CountAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostAsync($"/promises/pledges/{pledgeId}/delete", new FormUrlEncodedContent(pledgePage.FormFields("form.confirm")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostAsync($"/walks/{walkId}/stops/{stopId}/remove", new FormUrlEncodedContent(stopPage.FormFields("form.confirm")))).StatusCode);
        var areaPage = await organiser.GetDocumentAsync((await organiser.GetDocumentAsync($"/promises/areas/{areaId}/edit")).QuerySelector("a[href$='/delete']")!.GetAttribute("href")!);
        Assert.Equal(["Fokusområdet och dess 1 löften tas bort. Det går inte att ångra.", "1 händelser som räknades till löftena finns kvar, utan koppling till något löfte."],
            areaPage.QuerySelectorAll("ul.consequences li").Select(li => li.TextContent));
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostAsync($"/promises/areas/{areaId}/delete", new FormUrlEncodedContent(areaPage.FormFields("form.confirm")))).StatusCode);

        await using (var db = app.CreateDbContext())
            Assert.Equal((0, 1, 0, 1), (await db.Pledges.CountAsync(), await db.WalkStops.CountAsync(), await db.FocusAreas.CountAsync(), await db.Events.CountAsync(e => e.PledgeId == null && e.Type == EventType.DialogueMeeting)));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SendingFeedbackTo21_AsksFirst_AndSendsNothingUntilConfirmed(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int id;
        await using (var db = app.CreateDbContext())
        {
            var walk = TestData.Walk(ljungby.Id, startsAtUtc: DateTime.UtcNow.AddDays(-2), invitations: Enumerable.Range(1, 21).Select(i => TestData.Invitation($"boende{i}@example.test")));
            db.Events.Add(walk);
            await db.SaveChangesAsync();
            id = walk.Id;
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var ask = await organiser.PostFormAsync($"/walks/{id}/feedback/send", [], $"/walks/{id}");

        var page = await ask.ReadDocumentAsync();
        Assert.Equal("21 deltagare får återkopplingen från vandringen nu.", page.QuerySelector("ul.consequences li")!.TextContent);
        Assert.NotNull(page.QuerySelector("form.confirm input[name=confirmed][value=true]"));
        await using var db2 = app.CreateDbContext();
        Assert.Equal(0, await db2.OutboxMessages.CountAsync());
    }
}
