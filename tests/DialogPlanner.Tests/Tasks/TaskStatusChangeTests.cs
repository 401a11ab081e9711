using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Tasks;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Tasks;

/// <summary>The task page offers only the statuses that may follow, and refuses the others if posted anyway.</summary>
public sealed class TaskStatusChangeTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AClosedTask_IsOnlyReopened_AndARefusedChangeSavesNothing(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        int taskId;
        await using (var db = app.CreateDbContext())
        {
            var task = new FollowUpTask
            {
                MunicipalityId = ljungby.Id, Title = "Byt lampa", ResponsibleOrganisationId = street.Id, DueDate = new DateOnly(2099, 1, 1),
                Status = FollowUpStatus.Done, Resolution = "Ny lampa", ClosedAtUtc = DateTime.UtcNow,
            };
            db.FollowUpTasks.Add(task);
            await db.SaveChangesAsync();
            taskId = task.Id;
        }
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var page = await client.GetDocumentAsync($"/tasks/{taskId}");
        Assert.Equal(["Done", "Assigned", "InProgress"], page.QuerySelectorAll("#Status option").Select(o => o.GetAttribute("value")));
        var refused = await client.PostAsync($"/tasks/{taskId}", new FormUrlEncodedContent(page.FormFields("form.form").With("Status", "Rejected").With("Note", "Ändrade mig")));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Status kan inte ändras från Klar till Avvisad.", (await refused.ReadDocumentAsync()).QuerySelector("#Status-error")!.TextContent);
        await using (var db = app.CreateDbContext())
        {
            var task = await db.FollowUpTasks.Include(t => t.History).SingleAsync(t => t.Id == taskId);
            Assert.Equal((FollowUpStatus.Done, "Ny lampa"), (task.Status, task.Resolution));
            Assert.Empty(task.History);
        }

        var reopened = await client.PostAsync($"/tasks/{taskId}", new FormUrlEncodedContent(page.FormFields("form.form").With("Status", "InProgress").With("Note", "Lampan slocknade igen")));

        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        await using var check = app.CreateDbContext();
        var after = await check.FollowUpTasks.Include(t => t.History).SingleAsync(t => t.Id == taskId);
        Assert.Equal((FollowUpStatus.InProgress, (DateTime?)null), (after.Status, after.ClosedAtUtc));
        Assert.Equal((FollowUpStatus.InProgress, "Lampan slocknade igen", AppFactory.AdminEmail), (after.History.Single().Status, after.History.Single().Note, after.History.Single().ByName));
    }
}
