using System.Net;
using System.Text;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;

namespace DialogPlanner.Tests.Walks;

public sealed class ProtocolTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Protocol_ShowsTheTaskBoardsStatuses_AndThePublicVersionNamesNoPrivateIndividual(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int walkId, taskId;
        await using (var db = app.CreateDbContext())
        {
            var street = TestData.Organisation(ljungby.Id, "Gatuavdelningen");
            var landlord = TestData.Organisation(ljungby.Id, "Ljungbybostäder AB");
            var task = TestData.Task(ljungby.Id, street, "Byt armatur", FollowUpStatus.InProgress, new DateOnly(2030, 1, 1)).With(t => t.AssignedPerson = "Emma Karlsson");
            var maria = TestData.Contact(ljungby.Id, "Maria Bergström", "maria@bostader.example").With(c => c.Organisation = landlord);
            var walk = TestData.Walk(
                ljungby.Id, startsAtUtc: DateTime.UtcNow.AddDays(-5), location: "Replösa torg", status: EventStatus.Held,
                stops: [TestData.Stop("Gångtunneln", 1), TestData.Stop("Parken", 2)],
                invitations:
                [
                    TestData.Invitation("maria@bostader.example", rsvp: RsvpStatus.Accepted).With(i => i.Contact = maria),
                    TestData.Invitation("karin@posten.example", "Karin Åberg", RsvpStatus.Accepted),
                    TestData.Invitation("nej@posten.example", "Lars Öhman", RsvpStatus.Declined),
                ]);
            db.AddRange(task, walk);
            await db.SaveChangesAsync();
            db.Findings.AddRange(
                TestData.Finding(walk.Id, FindingCategory.Lighting, "Trasig lampa", "Gångtunneln", task: task),
                TestData.Finding(walk.Id, FindingCategory.Litter, "Skräp", "Parken", triage: FindingTriage.NoAction).With(f => f.NoActionReason = "Städas varje måndag"));
            await db.SaveChangesAsync();
            (walkId, taskId) = (walk.Id, task.Id);
        }
        var organiser = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var anonymous = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/kommun/ljungby/vandringar/{walkId}")).StatusCode);

        var page = await organiser.GetDocumentAsync($"/walks/{walkId}/protocol");
        var board = await organiser.GetDocumentAsync($"/tasks/{taskId}");
        Assert.Equal(board.QuerySelector("#task-status")!.TextContent, page.QuerySelectorAll(".protocol-status")[0].TextContent);
        Assert.Equal("Ingen åtgärd", page.QuerySelectorAll(".protocol-status")[1].TextContent);
        Assert.Equal(["Ljungbybostäder AB: 1", "Privatpersoner: 1"], page.QuerySelectorAll("#participants li").Select(li => li.TextContent));
        var csv = Encoding.UTF8.GetString(await organiser.GetByteArrayAsync($"/walks/{walkId}/protocol/csv"));
        Assert.Contains("Trasig lampa;Gångtunneln;Byt armatur;Gatuavdelningen;Pågår", csv);

        await organiser.PostAsync($"/walks/{walkId}/protocol/publish", new FormUrlEncodedContent(page.FormFields("form[action$='/publish']")));
        var published = await anonymous.GetDocumentAsync($"/kommun/ljungby/vandringar/{walkId}");
        var text = published.Body!.TextContent;
        Assert.Contains("Trasig lampa", text);
        Assert.Contains("Pågår", text);
        Assert.DoesNotContain("Karin", text);
        Assert.DoesNotContain("Maria Bergström", text);
        Assert.DoesNotContain("Emma Karlsson", text); // the responsible person stays internal
        Assert.Contains("Emma Karlsson", page.Body!.TextContent);
        Assert.Null(published.QuerySelector("form[action$='/publish']"));
    }
}
