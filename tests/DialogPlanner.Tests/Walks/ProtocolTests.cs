using System.Net;
using System.Text;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using TaskStatus = DialogPlanner.Web.Features.Tasks.TaskStatus;

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
            var street = new Organisation { MunicipalityId = ljungby.Id, Name = "Gatuavdelningen" };
            var landlord = new Organisation { MunicipalityId = ljungby.Id, Name = "Ljungbybostäder AB" };
            var task = new FollowUpTask { MunicipalityId = ljungby.Id, Title = "Byt armatur", ResponsibleOrganisation = street, AssignedPerson = "Emma Karlsson", DueDate = new DateOnly(2030, 1, 1), Status = TaskStatus.InProgress };
            var walk = new Event
            {
                MunicipalityId = ljungby.Id, Type = EventType.SafetyWalk, Title = "Vandring Replösa", Location = "Replösa torg", Status = EventStatus.Held,
                StartsAtUtc = DateTime.UtcNow.AddDays(-5), EndsAtUtc = DateTime.UtcNow.AddDays(-5).AddHours(2),
                Stops = [new WalkStop { Name = "Gångtunneln", Order = 1 }, new WalkStop { Name = "Parken", Order = 2 }],
                Invitations =
                [
                    new Invitation { Email = "maria@bostader.example", Rsvp = RsvpStatus.Accepted, Contact = new Contact { MunicipalityId = ljungby.Id, Name = "Maria Bergström", Email = "maria@bostader.example", Organisation = landlord } },
                    new Invitation { Email = "karin@posten.example", Name = "Karin Åberg", Rsvp = RsvpStatus.Accepted },
                    new Invitation { Email = "nej@posten.example", Name = "Lars Öhman", Rsvp = RsvpStatus.Declined },
                ],
            };
            db.AddRange(task, walk);
            await db.SaveChangesAsync();
            db.Findings.AddRange(
                new Finding { EventId = walk.Id, Category = FindingCategory.Lighting, Description = "Trasig lampa", Place = "Gångtunneln", FollowUpTask = task, Triage = FindingTriage.Tasked },
                new Finding { EventId = walk.Id, Category = FindingCategory.Litter, Description = "Skräp", Place = "Parken", Triage = FindingTriage.NoAction, NoActionReason = "Städas varje måndag" });
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
