using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Security;

/// <summary>Personal links live as long as what they grant: answer links until the event ends, recorder links while recording is open, feeds while their user may see them.</summary>
public sealed class TokenLifetimeTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RsvpLink_StopsTakingAnswersWhenTheEventHasEnded_InSwedishAndEnglish(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var anna = TestData.Invitation("anna@example.test", "Anna");
        await using (var db = app.CreateDbContext())
        {
            // Still "planned": nobody marked it held, but its end has passed.
            db.Events.Add(TestData.Event(ljungby.Id, "Dialogmöte i går", DateTime.UtcNow.AddDays(-1), invitations: [anna]));
            await db.SaveChangesAsync();
        }
        var client = app.CreateBrowser();

        var page = await client.GetDocumentAsync($"/rsvp/{anna.Token}");
        Assert.Equal("Händelsen är över, så svar tas inte längre emot.", page.QuerySelector("#answers-closed")!.TextContent);
        Assert.Null(page.QuerySelector("form.form"));
        var posted = await client.PostAsync($"/rsvp/{anna.Token}", new FormUrlEncodedContent(page.FormFields("footer form").With("answer", "Accepted")));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.NotNull((await posted.ReadDocumentAsync()).QuerySelector("#answers-closed"));
        Assert.Contains("The event is over", (await client.GetDocumentAsync($"/rsvp/{anna.Token}?culture=en")).QuerySelector("#answers-closed")!.TextContent);

        await using var check = app.CreateDbContext();
        Assert.Equal(RsvpStatus.NeedsAction, (await check.Invitations.SingleAsync()).Rsvp);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RemovingTheInvitee_RevokesTheirAnswerAndRecorderLinks_WithAPageSayingWhy(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var anna = TestData.Invitation("anna@example.test", "Anna");
        int walkId;
        await using (var db = app.CreateDbContext())
        {
            var walk = TestData.Walk(ljungby.Id, "Vandring Replösa", DateTime.UtcNow.AddDays(3), invitations: [anna]);
            db.Events.Add(walk);
            await db.SaveChangesAsync();
            walkId = walk.Id;
        }
        var phone = app.CreateBrowser();
        var recorder = await phone.GetDocumentAsync($"/w/{anna.Token}");
        var formToken = recorder.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync($"/rsvp/{anna.Token}")).StatusCode);

        // The organiser takes Anna off the list on the invitees page.
        var organiser = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var invitees = await organiser.GetDocumentAsync($"/events/{walkId}/invitees");
        var remove = invitees.QuerySelectorAll("a").First(a => a.GetAttribute("href")?.EndsWith("/remove") == true).GetAttribute("href")!;
        var confirm = await organiser.GetDocumentAsync(remove); // removing asks first
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostAsync(remove, new FormUrlEncodedContent(confirm.FormFields("form.confirm")))).StatusCode);

        foreach (var url in new[] { $"/rsvp/{anna.Token}", $"/w/{anna.Token}" })
        {
            var gone = await phone.GetAsync(url);
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            Assert.Contains("inte längre med på listan över inbjudna", (await gone.ReadDocumentAsync()).QuerySelector("#link-gone")!.TextContent);
            var english = await phone.GetAsync(url + "?culture=en");
            Assert.Contains("You are no longer on the list of invitees", (await english.ReadDocumentAsync()).QuerySelector("#link-gone")!.TextContent);
        }
        // A finding still waiting in the phone's queue is refused for good, with the reason, and nothing is stored.
        var content = new MultipartFormDataContent
        {
            { new StringContent(Guid.NewGuid().ToString()), "ClientId" }, { new StringContent("Lighting"), "Category" },
            { new StringContent("Trasig lampa"), "Description" }, { new StringContent("Gångtunneln"), "Place" },
            { new StringContent(formToken), "__RequestVerificationToken" },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, $"/w/{anna.Token}/findings") { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        var queued = await phone.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, queued.StatusCode);
        Assert.Contains("inte längre med på listan", await queued.Content.ReadAsStringAsync());
        await using var check = app.CreateDbContext();
        Assert.Equal(0, await check.Findings.CountAsync());
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task PrivateFeed_StopsWhenItsUserLosesTheRoleOrIsDisabled(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await using (var db = app.CreateDbContext())
        {
            db.Events.Add(TestData.Event(ljungby.Id, "Dialogmöte", DateTime.UtcNow.AddDays(10)));
            await db.SaveChangesAsync();
        }
        var email = await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id);
        var organiser = await app.SignInAsync(email, TestData.Password);
        await organiser.PostFormAsync("/calendar/renew", new(), "/calendar");
        var feed = new Uri((await organiser.GetDocumentAsync("/calendar")).QuerySelector("#feed-url")!.GetAttribute("value")!).PathAndQuery;
        var calendar = app.CreateBrowser();
        Assert.Contains("Dialogmöte", await calendar.GetStringAsync(feed));

        async Task ChangeUserAsync(Func<UserManager<AppUser>, AppUser, Task> change)
        {
            using var scope = app.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await change(users, (await users.FindByEmailAsync(email))!);
        }

        async Task AssertRevokedAsync()
        {
            var response = await calendar.GetAsync(feed);
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            Assert.Contains("Kalenderprenumerationen har stängts", (await response.ReadDocumentAsync()).QuerySelector("#link-gone")!.TextContent);
            Assert.DoesNotContain("Dialogmöte", await response.Content.ReadAsStringAsync());
        }

        await ChangeUserAsync((users, user) => users.RemoveFromRoleAsync(user, Roles.Organiser));
        await AssertRevokedAsync();
        await ChangeUserAsync((users, user) => users.AddToRoleAsync(user, Roles.Organiser));
        Assert.Contains("Dialogmöte", await calendar.GetStringAsync(feed));
        await ChangeUserAsync((users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        await AssertRevokedAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await calendar.GetAsync($"/calendar/private/{Invitation.NewToken()}.ics")).StatusCode);
    }
}
