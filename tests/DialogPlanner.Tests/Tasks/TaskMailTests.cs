using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Tests.Walks;
using DialogPlanner.Web;
using DialogPlanner.Web.Features.Tasks;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace DialogPlanner.Tests.Tasks;

public sealed class TaskMailTests
{
    private static string Text(MimeMessage m) => m.TextBody + m.HtmlBody;

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ANewTask_IsMailedToItsOrganisationsTaskOwners_AndToNobodyElse(string provider)
    {
        await using var w = await WalkMailWorld.StartAsync(provider);
        var organiser = await w.OrganiserAsync();
        var form = await organiser.GetDocumentAsync($"/walks/{w.WalkId}/triage/task?findingIds={w.Findings[0]}");
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20);
        var created = await organiser.PostAsync($"/walks/{w.WalkId}/triage/task", new FormUrlEncodedContent(form.FormFields("form.form")
            .With("Title", "Byt armaturer i gångtunneln").With("OrganisationId", w.StreetId.ToString()).With("DueDate", due.ToString("yyyy-MM-dd"))));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var received = await w.Smtp.WaitForMessagesAsync(2);
        await using var db = w.App.CreateDbContext();
        var taskId = (await db.FollowUpTasks.SingleAsync()).Id;
        Assert.Equal(["gata1@ljungby.example", "gata2@ljungby.example"], received.Select(WalkMailWorld.Recipient).Order());
        var mail = received[0];
        Assert.Equal("Ny åtgärd för Gatuavdelningen: Byt armaturer i gångtunneln", mail.Subject);
        Assert.Contains($"{WalkMailWorld.BaseUrl}/tasks/{taskId}", mail.TextBody);
        Assert.Contains($"href=\"{WalkMailWorld.BaseUrl}/tasks/{taskId}\"", mail.HtmlBody);
        Assert.Contains($"Klart senast: {due.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"))}", mail.TextBody);
        Assert.Contains("Belysning: Trasig lampa (Gångtunneln)", mail.TextBody);
        // The finding came from Karin's invitation: the task owners learn what, not who.
        Assert.DoesNotContain("Karin", Text(mail));
        Assert.DoesNotContain(WalkMailWorld.ReporterEmail, Text(mail));
        Assert.Equal(2, (await w.App.OutboxAsync()).Count(m => m.Kind == TaskMail.Assigned));
    }

    [Fact]
    public async Task TheOrganiser_MovesTheDueDate_ALaterOneAllowsANewOverdueNotice_OwnersMayNot()
    {
        await using var w = await WalkMailWorld.StartAsync("Sqlite");
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3);
        var taskId = await w.AddTaskAsync(w.StreetId, FollowUpStatus.Assigned, due, w.Findings[1]);
        await using (var db = w.App.CreateDbContext())
        {
            (await db.FollowUpTasks.SingleAsync(t => t.Id == taskId)).OverdueNoticeSentAtUtc = DateTime.UtcNow.AddDays(-1);
            await db.SaveChangesAsync();
        }
        var owner = await w.OwnerAsync("gata1@ljungby.example");
        Assert.Null((await owner.GetDocumentAsync($"/tasks/{taskId}")).QuerySelector("form.due-date"));
        var refused = await owner.PostFormAsync($"/tasks/{taskId}/due-date", new() { ["dueDate"] = "2099-01-01" }, $"/tasks/{taskId}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var organiser = await w.OrganiserAsync();
        var past = await organiser.PostAsync($"/tasks/{taskId}/due-date", new FormUrlEncodedContent(
            (await organiser.GetDocumentAsync($"/tasks/{taskId}")).FormFields("form.due-date").With("dueDate", due.AddDays(-1).ToString("yyyy-MM-dd"))));
        Assert.Contains("Datumet har redan passerat.", (await organiser.GetDocumentAsync($"/tasks/{taskId}")).Body!.TextContent);
        var later = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14);
        var moved = await organiser.PostAsync($"/tasks/{taskId}/due-date", new FormUrlEncodedContent(
            (await organiser.GetDocumentAsync($"/tasks/{taskId}")).FormFields("form.due-date").With("dueDate", later.ToString("yyyy-MM-dd"))));

        Assert.Equal(HttpStatusCode.Redirect, past.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        await using var check = w.App.CreateDbContext();
        var task = await check.FollowUpTasks.Include(t => t.History).SingleAsync(t => t.Id == taskId);
        Assert.Equal((later, FollowUpStatus.Assigned), (task.DueDate, task.Status));
        Assert.Null(task.OverdueNoticeSentAtUtc);
        Assert.Equal($"Nytt förfallodatum {later:yyyy-MM-dd} (var {due:yyyy-MM-dd}).", task.History.Single().Note);
    }

    [Fact]
    public async Task MovingATask_MailsTheNewOrganisation_FallingBackToItsOwnAddress_AndOnlyOrganisersMayMoveIt()
    {
        await using var w = await WalkMailWorld.StartAsync("Sqlite");
        var taskId = await w.AddTaskAsync(w.StreetId, FollowUpStatus.NotOurs, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10), w.Findings[1]);
        var owner = await w.OwnerAsync("gata1@ljungby.example");
        var refused = await owner.PostFormAsync($"/tasks/{taskId}/organisation", new() { ["organisationId"] = w.LandlordId.ToString() }, $"/tasks/{taskId}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null((await owner.GetDocumentAsync($"/tasks/{taskId}")).QuerySelector("form.move"));

        await using (var contacts = w.App.CreateDbContext())
        {
            // The landlord's contact card says English; the address differs only in case.
            contacts.Contacts.Add(new DialogPlanner.Web.Features.Contacts.Contact { MunicipalityId = w.MunicipalityId, Name = "Kundtjänst", Email = "Kundtjanst@bostader.example", Language = "en" });
            // The street department was told earlier that the task is late; that was not the landlord.
            (await contacts.FollowUpTasks.SingleAsync(t => t.Id == taskId)).OverdueNoticeSentAtUtc = DateTime.UtcNow.AddDays(-1);
            await contacts.SaveChangesAsync();
        }
        var organiser = await w.OrganiserAsync();
        var page = await organiser.GetDocumentAsync($"/tasks/{taskId}");
        var moved = await organiser.PostAsync($"/tasks/{taskId}/organisation",
            new FormUrlEncodedContent(page.FormFields("form.move").With("organisationId", w.LandlordId.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var mail = Assert.Single(await w.Smtp.WaitForMessagesAsync(1));
        Assert.Equal("kundtjanst@bostader.example", WalkMailWorld.Recipient(mail));
        Assert.StartsWith("New task for Ljungbybostäder AB", mail.Subject);
        Assert.Contains("Litter: Skräp vid bänken (Parken)", mail.TextBody);
        await using var db = w.App.CreateDbContext();
        var task = await db.FollowUpTasks.Include(t => t.History).SingleAsync(t => t.Id == taskId);
        Assert.Equal((w.LandlordId, FollowUpStatus.Assigned, (string?)null), (task.ResponsibleOrganisationId, task.Status, task.Resolution));
        Assert.Null(task.OverdueNoticeSentAtUtc);
        Assert.Equal("Flyttad till Ljungbybostäder AB.", task.History.Single().Note);
        // Moving to an organisation of another municipality is refused and mails nobody.
        var alvesta = await w.App.AddMunicipalityAsync("Alvesta");
        var foreign = await w.App.AddOrganisationAsync(alvesta.Id, "Alvesta gata");
        page = await organiser.GetDocumentAsync($"/tasks/{taskId}");
        await organiser.PostAsync($"/tasks/{taskId}/organisation", new FormUrlEncodedContent(page.FormFields("form.move").With("organisationId", foreign.Id.ToString())));
        await using var check = w.App.CreateDbContext();
        Assert.Equal(w.LandlordId, (await check.FollowUpTasks.SingleAsync(t => t.Id == taskId)).ResponsibleOrganisationId);
        Assert.Single(await w.App.OutboxAsync());
    }

    [Fact]
    public async Task SettingATaskBackToAssigned_MailsTheOwners_OtherChangesDoNot()
    {
        await using var w = await WalkMailWorld.StartAsync("Sqlite");
        var taskId = await w.AddTaskAsync(w.PoliceId, FollowUpStatus.New, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10), w.Findings[2]);
        var owner = await w.OwnerAsync("polis@ljungby.example");
        async Task SetAsync(string status)
        {
            var page = await owner.GetDocumentAsync($"/tasks/{taskId}");
            var response = await owner.PostAsync($"/tasks/{taskId}", new FormUrlEncodedContent(page.FormFields("form.form").With("Status", status)));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await SetAsync("InProgress");
        await SetAsync("Assigned");
        await SetAsync("Assigned"); // no change of status: no second mail
        var outbox = await w.App.OutboxAsync();
        Assert.Equal(["polis@ljungby.example"], outbox.Select(m => m.ToAddress));
        Assert.Equal(TaskMail.Assigned, outbox[0].Kind);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnOverdueTask_IsMailedExactlyOnce_ClosedAndFutureTasksAreNot(string provider)
    {
        await using var w = await WalkMailWorld.StartAsync(provider, jobSeconds: 0.1);
        var today = StockholmTime.Today(TimeProvider.System);
        var overdue = await w.AddTaskAsync(w.StreetId, FollowUpStatus.InProgress, today.AddDays(-3), w.Findings[0]);
        var closed = await w.AddTaskAsync(w.StreetId, FollowUpStatus.Done, today.AddDays(-3), w.Findings[1]);
        var future = await w.AddTaskAsync(w.PoliceId, FollowUpStatus.Assigned, today.AddDays(5), w.Findings[2]);

        var rows = await w.App.WaitForOutboxAsync(r => r.Count(m => m.Kind == TaskMail.Overdue) >= 2, "two overdue notices");
        await Task.Delay(1500); // a dozen more rounds of the job
        rows = await w.App.OutboxAsync();
        Assert.Equal(["gata1@ljungby.example", "gata2@ljungby.example"], rows.Select(r => r.ToAddress).Order());
        Assert.All(rows, r => Assert.Equal(TaskMail.Overdue, r.Kind));
        await using var db = w.App.CreateDbContext();
        Assert.NotNull((await db.FollowUpTasks.SingleAsync(t => t.Id == overdue)).OverdueNoticeSentAtUtc);
        Assert.Null((await db.FollowUpTasks.SingleAsync(t => t.Id == closed)).OverdueNoticeSentAtUtc);
        Assert.Null((await db.FollowUpTasks.SingleAsync(t => t.Id == future)).OverdueNoticeSentAtUtc);
        var mail = (await w.Smtp.WaitForMessagesAsync(2))[0];
        Assert.StartsWith("Försenad åtgärd för Gatuavdelningen", mail.Subject);
        Assert.Contains("status: Pågår", mail.TextBody);
        Assert.Contains($"{WalkMailWorld.BaseUrl}/tasks/{overdue}", mail.TextBody);
    }
}
