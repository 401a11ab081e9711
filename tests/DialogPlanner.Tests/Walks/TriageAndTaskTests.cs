using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Walks;

public sealed class TriageAndTaskTests
{
    private sealed record Setup(int WalkId, int[] Findings, int StreetId, int LandlordId, int MunicipalityId);

    private static async Task<Setup> SeedAsync(AppFactory app)
    {
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var landlord = await app.AddOrganisationAsync(ljungby.Id, "Ljungbybostäder AB");
        await using var db = app.CreateDbContext();
        db.CategoryResponsibilities.Add(new CategoryResponsibility { MunicipalityId = ljungby.Id, Category = FindingCategory.Lighting, OrganisationId = street.Id });
        var walk = TestData.Walk(ljungby.Id, startsAtUtc: DateTime.UtcNow.AddDays(-2), status: EventStatus.Held);
        db.Events.Add(walk);
        await db.SaveChangesAsync();
        var findings = new[]
        {
            TestData.Finding(walk.Id, FindingCategory.Lighting, "Trasig lampa", "Gångtunneln"),
            TestData.Finding(walk.Id, FindingCategory.Lighting, "Mörk passage", "Gångtunneln, norra änden"),
            TestData.Finding(walk.Id, FindingCategory.Litter, "Skräp vid bänken", "Parken"),
        };
        db.Findings.AddRange(findings);
        await db.SaveChangesAsync();
        return new Setup(walk.Id, findings.Select(f => f.Id).ToArray(), street.Id, landlord.Id, ljungby.Id);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TwoFindingsMergedIntoOneTask_StayLinked_AndTheCategoryChoosesTheOwner(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var s = await SeedAsync(app);
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, s.MunicipalityId), TestData.Password);

        var form = await organiser.GetDocumentAsync($"/walks/{s.WalkId}/triage/task?findingIds={s.Findings[0]}&findingIds={s.Findings[1]}");
        Assert.Equal(s.StreetId.ToString(), form.QuerySelector("#OrganisationId option[selected]")!.GetAttribute("value"));
        var created = await organiser.PostAsync($"/walks/{s.WalkId}/triage/task", new FormUrlEncodedContent(form.FormFields("form.form").With("Title", "Byt armaturer i gångtunneln")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        await using var db = app.CreateDbContext();
        var task = await db.FollowUpTasks.Include(t => t.Findings).Include(t => t.History).SingleAsync();
        Assert.Equal([s.Findings[0], s.Findings[1]], task.Findings.Select(f => f.Id).Order());
        Assert.Equal((s.StreetId, FollowUpStatus.Assigned), (task.ResponsibleOrganisationId, task.Status));
        Assert.All(task.Findings, f => Assert.Equal(FindingTriage.Tasked, f.Triage));
        Assert.Equal("org@ljungby.example", Assert.Single(task.History).ByName);
        var walkPage = await organiser.GetDocumentAsync($"/walks/{s.WalkId}");
        Assert.Contains("Byt armaturer i gångtunneln", walkPage.QuerySelector($"#finding-{s.Findings[1]}")!.TextContent);
        // A finding already in a task cannot be taken into a second one.
        var again = await organiser.PostAsync($"/walks/{s.WalkId}/triage/task", new FormUrlEncodedContent(form.FormFields("form.form")));
        Assert.Contains("redan en åtgärd", (await again.ReadDocumentAsync()).QuerySelector(".errors")!.TextContent);
    }

    [Fact]
    public async Task NoAction_NeedsAReason()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var s = await SeedAsync(app);
        var organiser = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        await organiser.PostFormAsync($"/walks/{s.WalkId}/triage/findings/{s.Findings[2]}/no-action", new() { ["reason"] = " " }, $"/walks/{s.WalkId}");
        await using (var db = app.CreateDbContext()) Assert.Equal(FindingTriage.Open, (await db.Findings.FindAsync(s.Findings[2]))!.Triage);
        await organiser.PostFormAsync($"/walks/{s.WalkId}/triage/findings/{s.Findings[2]}/no-action", new() { ["reason"] = "Städas redan varje måndag" }, $"/walks/{s.WalkId}");
        await using (var db = app.CreateDbContext())
        {
            var f = (await db.Findings.FindAsync(s.Findings[2]))!;
            Assert.Equal((FindingTriage.NoAction, "Städas redan varje måndag"), (f.Triage, f.NoActionReason));
        }
    }

    [Fact]
    public async Task TaskOwners_SeeAndChangeOnlyTheirOrganisationsTasks_AndRejectingNeedsAReason()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var s = await SeedAsync(app);
        int streetTask, landlordTask;
        await using (var db = app.CreateDbContext())
        {
            var a = TestData.Task(s.MunicipalityId, s.StreetId, "Byt lampa", FollowUpStatus.Assigned, new DateOnly(2020, 1, 1));
            var b = TestData.Task(s.MunicipalityId, s.LandlordId, "Lås porten", FollowUpStatus.Assigned, new DateOnly(2099, 1, 1));
            db.FollowUpTasks.AddRange(a, b);
            await db.SaveChangesAsync();
            (streetTask, landlordTask) = (a.Id, b.Id);
        }
        var owner = await app.SignInAsync(await app.AddUserAsync("gata@ljungby.example", Roles.TaskOwner, organisationId: s.StreetId), TestData.Password);

        var board = await owner.GetDocumentAsync("/tasks");
        Assert.Contains("Byt lampa", board.QuerySelector("table.tasks")!.TextContent);
        Assert.DoesNotContain("Lås porten", board.Body!.TextContent);
        Assert.Contains("Försenad", board.QuerySelector("tr.overdue")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/tasks/{landlordTask}")).StatusCode);
        var foreignChange = await owner.PostFormAsync($"/tasks/{landlordTask}", new() { ["Status"] = "Done", ["Note"] = "Klart" }, $"/tasks/{streetTask}");
        Assert.Equal(HttpStatusCode.NotFound, foreignChange.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync($"/walks/{s.WalkId}")).StatusCode);

        var page = await owner.GetDocumentAsync($"/tasks/{streetTask}");
        var rejected = await owner.PostAsync($"/tasks/{streetTask}", new FormUrlEncodedContent(page.FormFields("form.form").With("Status", "Rejected")));
        Assert.Contains("Skriv varför", (await rejected.ReadDocumentAsync()).QuerySelector("#Note-error")!.TextContent);
        var done = await owner.PostAsync($"/tasks/{streetTask}", new FormUrlEncodedContent(page.FormFields("form.form").With("Status", "Done").With("Note", "Ny armatur på plats")));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        await using var check = app.CreateDbContext();
        var closed = await check.FollowUpTasks.Include(t => t.History).SingleAsync(t => t.Id == streetTask);
        Assert.Equal((FollowUpStatus.Done, "Ny armatur på plats"), (closed.Status, closed.Resolution));
        Assert.NotNull(closed.ClosedAtUtc);
        var entry = Assert.Single(closed.History);
        Assert.Equal(("gata@ljungby.example", FollowUpStatus.Done), (entry.ByName, entry.Status));
        Assert.Equal(FollowUpStatus.Assigned, (await check.FollowUpTasks.SingleAsync(t => t.Id == landlordTask)).Status);
    }

    [Fact]
    public async Task OrganiserOfAnotherMunicipality_CannotSeeTheWalk()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var s = await SeedAsync(app);
        var stranger = await app.SignInAsync(await app.AddUserAsync("org@alvesta.example", Roles.Organiser, (await app.AddMunicipalityAsync("Alvesta")).Id), TestData.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/walks/{s.WalkId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/walks/{s.WalkId}/triage/task?findingIds={s.Findings[0]}")).StatusCode);
    }
}
