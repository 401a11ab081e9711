using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;

namespace DialogPlanner.Tests.Invitations;

public sealed class SetAsideRepliesPageTests
{
    private const string Url = "/admin/calendar-replies";

    /// <summary>Two reports: one about an event of Ljungby, one about no known event.</summary>
    private static async Task<(int LjungbyId, int EventId)> SeedAsync(AppFactory app)
    {
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await using var db = app.CreateDbContext();
        var e = TestData.Event(ljungby.Id, "Dialogmöte i Centrum");
        db.Events.Add(e);
        db.SetAsideReplies.AddRange(
            new SetAsideReply
            {
                ReceivedAtUtc = TestData.Stockholm(2026, 11, 20, 9, 15), SetAsideAtUtc = DateTime.UtcNow, FromAddress = "Mallory <mallory@example.test>",
                Subject = "Avböjd: Dialogmöte i Centrum", MessageId = "a1@example.test", Reason = SetAsideReason.SenderNotAttendee,
                Detail = "From: mallory@example.test; ATTENDEE: anna@example.test", Event = e,
            },
            new SetAsideReply
            {
                ReceivedAtUtc = TestData.Stockholm(2026, 11, 21, 14, 0), SetAsideAtUtc = DateTime.UtcNow, FromAddress = "okand@example.test",
                Subject = "Vill ni köpa solceller?", MessageId = "b2@example.test", Reason = SetAsideReason.NoCalendar,
            });
        await db.SaveChangesAsync();
        return (ljungby.Id, e.Id);
    }

    [Fact]
    public async Task Administrator_SeesEveryReport_WithItsReasonInSwedishOrEnglish()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var (_, eventId) = await SeedAsync(app);
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var page = await admin.GetDocumentAsync(Url);

        var rows = page.QuerySelectorAll("table.set-aside-replies tbody tr");
        Assert.Equal(2, rows.Length);
        // Newest first, received time in Stockholm time.
        Assert.Contains("Vill ni köpa solceller?", rows[0].TextContent);
        Assert.Contains("Meddelandet innehåller inget kalendersvar", rows[0].TextContent);
        Assert.Contains("2026-11-21 14:00", rows[0].TextContent);
        Assert.Contains("Avsändaren är inte den deltagare som svaret gäller", rows[1].TextContent);
        Assert.Equal($"/events/{eventId}/invitees", rows[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("nav a[href='/admin/calendar-replies']"));

        var english = await admin.GetDocumentAsync(Url + "?culture=en");
        Assert.Contains("The sender is not the attendee the answer is about", english.QuerySelector("table.set-aside-replies")!.TextContent);
        Assert.Equal("Received", english.QuerySelector("table.set-aside-replies th")!.TextContent);
    }

    [Fact]
    public async Task Anonymous_IsSentToLogin_AndOrganiserIsForbidden()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var (ljungbyId, _) = await SeedAsync(app);
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@test.example", Roles.Organiser, ljungbyId), TestData.Password);

        var anonymous = await app.CreateBrowser().GetAsync(Url);
        var forbidden = await organiser.GetAsync(Url);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.DoesNotContain("solceller", await forbidden.Content.ReadAsStringAsync());
        Assert.Null((await organiser.GetDocumentAsync("/events")).QuerySelector("nav a[href='/admin/calendar-replies']"));
    }

    [Fact]
    public async Task Administrator_RemovesAReportOnceDealtWith_OthersMayNot()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var (ljungbyId, eventId) = await SeedAsync(app);
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@test.example", Roles.Organiser, ljungbyId), TestData.Password);
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var page = await admin.GetDocumentAsync(Url);
        var form = page.QuerySelectorAll("table.set-aside-replies tbody tr")[0].QuerySelector("form.dismiss")!;
        var action = form.GetAttribute("action")!;
        // The organiser sees reports about their event on its invitee list, but cannot remove them.
        Assert.Null((await organiser.GetDocumentAsync($"/events/{eventId}/invitees")).QuerySelector("form.dismiss"));
        var refused = await organiser.PostFormAsync(action, new(), $"/events/{eventId}/invitees");

        var removed = await admin.PostFormAsync(action, new(), Url);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var after = await admin.GetDocumentAsync(Url);
        var rows = after.QuerySelectorAll("table.set-aside-replies tbody tr");
        Assert.Single(rows);
        Assert.Contains("Avsändaren är inte den deltagare", rows[0].TextContent);
        Assert.Contains("Meddelandet har tagits bort från listan.", after.Body!.TextContent);
    }

    [Fact]
    public async Task InviteesPage_ShowsTheReportsAboutThatEventOnly()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var (ljungbyId, eventId) = await SeedAsync(app);
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@test.example", Roles.Organiser, ljungbyId), TestData.Password);

        var page = await organiser.GetDocumentAsync($"/events/{eventId}/invitees");

        var section = page.QuerySelector("section[aria-labelledby=set-aside-heading]");
        Assert.NotNull(section);
        Assert.Contains("Avböjd: Dialogmöte i Centrum", section.TextContent);
        Assert.Contains("Mallory <mallory@example.test>", section.TextContent);
        Assert.DoesNotContain("solceller", page.Body!.TextContent);
    }
}
