using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using Calendar = Ical.Net.Calendar;

namespace DialogPlanner.Tests.Events;

public sealed class CalendarFeedTests
{
    private static Event Meeting(int municipalityId, string title, EventStatus status, bool isPublic, int days = 20) =>
        TestData.Event(municipalityId, title, DateTime.UtcNow.Date.AddDays(days).AddHours(17), status: status, isPublic: isPublic);

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PublicFeed_HoldsOpenMeetings_PrivateFeed_AllOfTheOrganisersMunicipality(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        await using (var db = app.CreateDbContext())
        {
            db.Events.AddRange(
                Meeting(ljungby.Id, "Öppet dialogmöte", EventStatus.Scheduled, isPublic: true),
                Meeting(ljungby.Id, "Inställt öppet möte", EventStatus.Cancelled, isPublic: true, days: 25),
                Meeting(ljungby.Id, "Utkast till dialogmöte", EventStatus.Draft, isPublic: true),
                Meeting(ljungby.Id, "Hyresvärdsmöte", EventStatus.Scheduled, isPublic: false),
                Meeting(alvesta.Id, "Alvestas interna möte", EventStatus.Scheduled, isPublic: false));
            await db.SaveChangesAsync();
        }

        var publicFeed = Calendar.Load(await app.CreateClient().GetStringAsync("/calendar/public.ics"))!;
        Assert.Equal(["Inställt öppet möte", "Öppet dialogmöte"], publicFeed.Events.Select(e => e.Summary).Order());
        Assert.Equal("CANCELLED", publicFeed.Events.Single(e => e.Summary == "Inställt öppet möte").Status);
        Assert.Equal("Europe/Stockholm", publicFeed.Events.First().DtStart!.TzId);
        Assert.Single(publicFeed.TimeZones);

        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        await organiser.PostFormAsync("/calendar/renew", new(), "/calendar");
        var url = (await organiser.GetDocumentAsync("/calendar")).QuerySelector("#feed-url")!.GetAttribute("value")!;
        var anonymous = app.CreateClient();
        var privateFeed = Calendar.Load(await anonymous.GetStringAsync(new Uri(url).PathAndQuery))!;
        Assert.Equal(["Hyresvärdsmöte", "Inställt öppet möte", "Öppet dialogmöte"], privateFeed.Events.Select(e => e.Summary).Order());

        await organiser.PostFormAsync("/calendar/renew", new(), "/calendar");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/private/" + new string('a', 43) + ".ics")).StatusCode);
    }

    /// <summary>A subscribed calendar keeps its links for months: they are the app's public address (Email:PublicUrl), as in mail.</summary>
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Feeds_LinkToThePublicAddress(string provider)
    {
        const string publicUrl = "https://dialog.ljungby.example";
        await using var app = await AppFactory.StartAsync(provider, new Dictionary<string, string?> { ["Email:PublicUrl"] = publicUrl + "/" });
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var meeting = Meeting(ljungby.Id, "Öppet dialogmöte", EventStatus.Scheduled, isPublic: true);
        await using (var db = app.CreateDbContext())
        {
            db.Events.Add(meeting);
            await db.SaveChangesAsync();
        }

        var publicFeed = Calendar.Load(await app.CreateClient().GetStringAsync("/calendar/public.ics"))!;
        var year = StockholmTime.FromUtc(meeting.StartsAtUtc).Year;
        Assert.Equal(new Uri($"{publicUrl}/kommun/ljungby/{year}"), publicFeed.Events.Single().Url);

        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        await organiser.PostFormAsync("/calendar/renew", new(), "/calendar");
        var url = (await organiser.GetDocumentAsync("/calendar")).QuerySelector("#feed-url")!.GetAttribute("value")!;
        Assert.StartsWith($"{publicUrl}/calendar/private/", url);
        var privateFeed = Calendar.Load(await app.CreateClient().GetStringAsync(new Uri(url).PathAndQuery))!;
        Assert.Equal(new Uri($"{publicUrl}/events/{meeting.Id}"), privateFeed.Events.Single().Url);
    }

    [Fact]
    public async Task FeedPage_IsForOrganisersOnly()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowser().GetAsync("/calendar")).StatusCode);
        var participant = await app.SignInAsync(await app.AddUserAsync("p@example.test", Roles.Participant), TestData.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.GetAsync("/calendar")).StatusCode);
    }
}
