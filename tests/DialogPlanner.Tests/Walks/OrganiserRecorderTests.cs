using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Walks;

/// <summary>"Öppna registreringen": organisers record on the walks of their own municipalities, nobody else through this door.</summary>
public sealed class OrganiserRecorderTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task AnOrganiser_RecordsOnTheirOwnWalk_OthersAreTurnedAway(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id);
        await app.AddUserAsync("org@alvesta.example", Roles.Organiser, alvesta.Id);
        await app.AddUserAsync("deltagare@example.test", Roles.Participant);
        int walkId;
        await using (var db = app.CreateDbContext())
        {
            var walk = TestData.Walk(ljungby.Id);
            db.Events.Add(walk);
            await db.SaveChangesAsync();
            walkId = walk.Id;
        }
        var path = $"/walks/{walkId}/organiser-record";

        var organiser = await app.SignInAsync("org@ljungby.example", TestData.Password);
        var posted = await organiser.PostFormAsync($"{path}/findings", new() { ["Category"] = "Litter", ["Description"] = "Skräp vid bänken", ["Place"] = "Parken" }, path);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        await using (var db = app.CreateDbContext())
        {
            var organiserId = await db.Users.Where(u => u.Email == "org@ljungby.example").Select(u => u.Id).SingleAsync();
            var finding = await db.Findings.SingleAsync(f => f.EventId == walkId);
            Assert.Equal((organiserId, (int?)null), (finding.ReportedByUserId, finding.ReportedByInvitationId));
        }
        Assert.Contains("Skräp vid bänken", (await organiser.GetDocumentAsync(path)).QuerySelector("#my-findings")!.TextContent);

        var elsewhere = await app.SignInAsync("org@alvesta.example", TestData.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync(path)).StatusCode);
        var participant = await app.SignInAsync("deltagare@example.test", TestData.Password);
        Assert.NotEqual(HttpStatusCode.OK, (await participant.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowser().GetAsync(path)).StatusCode); // to the sign-in page
    }
}
