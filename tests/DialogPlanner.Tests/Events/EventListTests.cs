using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;

namespace DialogPlanner.Tests.Events;

public sealed class EventListTests
{
    [Fact]
    public async Task SafetyWalkStartingInDaylight_IsFlagged_OneAfterDark_IsNot()
    {
        var (app, client, ljungbyId) = await StartAsync();
        await using var _ = app;
        await using (var db = app.CreateDbContext())
        {
            var municipality = await db.Municipalities.FindAsync(ljungbyId);
            (municipality!.Latitude, municipality.Longitude) = (56.833, 13.9408);
            db.Events.AddRange(
                Walk(ljungbyId, "Vandring i maj kl 17", new DateTime(2027, 5, 12, 17, 0, 0)),
                Walk(ljungbyId, "Vandring i november kl 19", new DateTime(2027, 11, 10, 19, 0, 0)));
            await db.SaveChangesAsync();
        }

        var rows = (await client.GetDocumentAsync("/events")).QuerySelectorAll("tbody tr");

        Assert.Equal(2, rows.Length);
        Assert.Contains("Börjar före solnedgången", rows.Single(r => r.TextContent.Contains("maj")).TextContent);
        Assert.DoesNotContain("Börjar före solnedgången", rows.Single(r => r.TextContent.Contains("november")).TextContent);
    }

    [Fact]
    public async Task OtherMunicipalitiesEvents_AreNotListed()
    {
        var (app, client, _) = await StartAsync();
        await using var __ = app;
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        await using (var db = app.CreateDbContext())
        {
            db.Events.Add(Walk(alvesta.Id, "Alvestas vandring", new DateTime(2027, 10, 5, 19, 0, 0)));
            await db.SaveChangesAsync();
        }
        var page = await client.GetStringAsync("/events");
        Assert.DoesNotContain("Alvestas vandring", page);
    }

    private static async Task<(AppFactory App, HttpClient Client, int LjungbyId)> StartAsync()
    {
        var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/events")).StatusCode);
        return (app, client, ljungby.Id);
    }

    private static Event Walk(int municipalityId, string title, DateTime stockholmStart) =>
        TestData.Walk(municipalityId, title, StockholmTime.ToUtc(stockholmStart));
}
