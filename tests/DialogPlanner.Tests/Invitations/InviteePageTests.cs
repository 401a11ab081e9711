using System.Net;
using System.Text.RegularExpressions;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Features.Promises;
using MimeKit;
using Calendar = Ical.Net.Calendar;

namespace DialogPlanner.Tests.Invitations;

/// <summary>
/// Every link in an invitation leads somewhere for the one who got it: "Mer om träffen" opens their own page
/// of the event, read from the mail the SMTP server received and followed as the invitee would.
/// </summary>
public sealed partial class InviteePageTests
{
    private const string PublicUrl = "https://dialog.test.example";

    [GeneratedRegex(@"Mer om träffen: (\S+)")]
    private static partial Regex MoreLink();

    [GeneratedRegex(@"Så behandlas dina personuppgifter: (\S+)")]
    private static partial Regex PrivacyLink();

    private static string PathOf(string url)
    {
        Assert.StartsWith(PublicUrl + "/", url);
        return new Uri(url).PathAndQuery;
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task MoreAboutTheMeeting_OpensTheInviteesPage_AndThePublicPageIsLinkedOnlyOncePublished(string provider)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var app = await AppFactory.StartAsync(provider, OutboxTestKit.Smtp(smtp.Port));
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int walkId;
        string uid;
        await using (var db = app.CreateDbContext())
        {
            var walk = TestData.Walk(ljungby.Id, "Trygghetsvandring Replösa", DateTime.UtcNow.AddDays(20), location: "Replösa skola",
                stops: [TestData.Stop("Replösa skola", 1, 56.83, 13.93), TestData.Stop("Gångtunneln", 2, 56.835, 13.935)])
                .With(w => (w.IsPublic, w.Description) = (true, "Vi samlas vid skolans entré.\nTa med ficklampa."));
            db.Events.Add(walk);
            // A promise not published yet: the public page answers 404, so no mail may link to it.
            db.CitizenPromises.Add(new CitizenPromise { MunicipalityId = ljungby.Id, Year = DateTime.UtcNow.Year, Title = "Medborgarlöfte" });
            await db.SaveChangesAsync();
            (walkId, uid) = (walk.Id, walk.CalendarUid);
        }
        var organiser = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await organiser.PostFormAsync($"/events/{walkId}/invitees", new() { ["Addresses"] = "Anna Ek <anna@example.test>" });
        var invitation = Assert.Single(await smtp.WaitForMessagesAsync(1));
        // The municipality's privacy notice is linked from every mail, in text and HTML, and is there without an account.
        var privacy = PathOf(PrivacyLink().Match(invitation.TextBody!).Groups[1].Value);
        Assert.Equal($"/kommun/{ljungby.Slug}/personuppgifter", privacy);
        Assert.Contains($"href=\"{PublicUrl}{privacy}\"", invitation.HtmlBody);
        Assert.Contains("Ljungby", (await app.CreateBrowser().GetDocumentAsync(privacy)).QuerySelector("h1")!.TextContent);
        // The public page is not: it is not published yet.
        Assert.DoesNotContain("/kommun/", (invitation.TextBody + invitation.HtmlBody).Replace(privacy, ""));

        // "Mer om träffen", as the invitee follows it: no account, the page of this event for them.
        var more = PathOf(MoreLink().Match(invitation.TextBody!).Groups[1].Value);
        var invitee = app.CreateBrowser();
        var page = await invitee.GetDocumentAsync(more);
        Assert.Equal("Trygghetsvandring Replösa", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Replösa skola", page.QuerySelector("dl.facts")!.TextContent);
        Assert.Contains("Ta med ficklampa.", page.QuerySelector("p.pre")!.TextContent);
        Assert.Equal(["Replösa skola", "Gångtunneln"], page.QuerySelectorAll("ol.stops li").Select(li => li.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector("#rsvp-map-slot"));
        Assert.Contains("56.835", page.QuerySelector("#walk-map-data")!.TextContent);
        Assert.Equal(3, page.QuerySelectorAll("form input[name=answer]").Length);
        var token = more.Split('/')[2].Split('?')[0];
        Assert.Equal($"/w/{token}", page.QuerySelector("#recorder a")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("a[href^='/kommun/']"));

        // Add to calendar: this event only, without the list of attendees, under the invitation's UID.
        var ics = await invitee.GetAsync(page.QuerySelector("#add-to-calendar")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        var calendar = Calendar.Load(await ics.Content.ReadAsStringAsync())!;
        Assert.Equal("PUBLISH", calendar.Method);
        var entry = Assert.Single(calendar.Events);
        Assert.Equal((uid, 0), (entry.Uid, entry.Attendees.Count));
        Assert.Equal(new Uri($"{PublicUrl}/rsvp/{token}"), entry.Url);

        // Once they come, the recorder is the first thing on the page.
        var answered = await invitee.PostFormAsync(more.Split('?')[0], new() { ["answer"] = "Accepted" });
        var after = await answered.ReadDocumentAsync();
        Assert.Equal("recorder", after.QuerySelector("h1 + section.notice")?.Id);

        // The promise is published: the next invitation links the public page, and that page is there.
        await using (var db = app.CreateDbContext())
        {
            var promise = db.CitizenPromises.Single();
            promise.PublishedAtUtc = DateTime.UtcNow;
            await db.SaveChangesAsync();
        }
        await organiser.PostFormAsync($"/events/{walkId}/invitees", new() { ["Addresses"] = "per@example.test" });
        var second = (await smtp.WaitForMessagesAsync(2)).Single(m => ((MailboxAddress)m.To.Single()).Address == "per@example.test");
        var publicLink = Regex.Match(second.TextBody!, @"Kommunens medborgarlöfte: (\S+)").Groups[1].Value;
        var publicPage = await app.CreateBrowser().GetAsync(PathOf(publicLink));
        Assert.Equal(HttpStatusCode.Redirect, publicPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowser().GetAsync(publicPage.Headers.Location)).StatusCode);
        Assert.Contains(PathOf(publicLink), (await app.CreateBrowser().GetDocumentAsync(PathOf(MoreLink().Match(second.TextBody!).Groups[1].Value)))
            .QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARemovedInvitee_HasNoPageAndNoCalendarFile(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var gone = TestData.Invitation("bo@example.test", "Bo", removedAtUtc: DateTime.UtcNow);
        await using (var db = app.CreateDbContext())
        {
            db.Events.Add(TestData.Event(ljungby.Id, invitations: [gone]));
            await db.SaveChangesAsync();
        }
        var client = app.CreateBrowser();
        var page = await client.GetAsync($"/rsvp/{gone.Token}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode); // a page that says the link was revoked, and nothing of the event
        Assert.DoesNotContain("Biblioteket", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/rsvp/{gone.Token}/calendar.ics")).StatusCode);
    }
}
