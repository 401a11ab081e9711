using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Invitations;

public sealed class RsvpLinkTests
{
    private static async Task<(Invitation Anna, Invitation Per, Invitation Removed, int EventId)> SeedAsync(AppFactory app, EventStatus status = EventStatus.Scheduled)
    {
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await using var db = app.CreateDbContext();
        var anna = TestData.Invitation("anna@example.test", "Anna");
        var per = TestData.Invitation("per@example.test", "Per Hemlig");
        var removed = TestData.Invitation("gone@example.test", removedAtUtc: DateTime.UtcNow);
        var e = TestData.Event(ljungby.Id, "Dialogmöte", status: status, invitations: [anna, per, removed]);
        db.Events.Add(e);
        await db.SaveChangesAsync();
        return (anna, per, removed, e.Id);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OpeningTheLink_ChangesNothing_TheButtonRecordsTheAnswer_ForThatInviteeOnly(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var (anna, per, _, _) = await SeedAsync(app);
        var client = app.CreateBrowser(); // nobody signed in

        var page = await client.GetDocumentAsync($"/rsvp/{anna.Token}?answer=Declined");
        Assert.Equal("checked", page.QuerySelector("#answer-Declined")!.GetAttribute("checked"));
        Assert.DoesNotContain("Per Hemlig", page.Body!.TextContent); // no other invitee is shown
        await using (var db = app.CreateDbContext())
            Assert.Equal(RsvpStatus.NeedsAction, (await db.Invitations.SingleAsync(i => i.Id == anna.Id)).Rsvp);

        var answered = await client.PostAsync($"/rsvp/{anna.Token}", new FormUrlEncodedContent(page.FormFields("form.form").With("answer", "Tentative")));

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("Ditt svar är sparat: Kanske", await answered.Content.ReadAsStringAsync());
        await using var check = app.CreateDbContext();
        var rows = await check.Invitations.ToDictionaryAsync(i => i.Id);
        Assert.Equal(RsvpStatus.Tentative, rows[anna.Id].Rsvp);
        Assert.NotNull(rows[anna.Id].RespondedAtUtc);
        Assert.Equal(RsvpStatus.NeedsAction, rows[per.Id].Rsvp);
    }

    [Fact]
    public async Task UnknownOrTamperedTokens_Are404_ARemovedInviteesIsGone_EachWithAPageSayingSo()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var (anna, _, removed, _) = await SeedAsync(app);
        var client = app.CreateBrowser();

        var gone = await client.GetAsync($"/rsvp/{removed.Token}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("inte längre med på listan över inbjudna", (await gone.ReadDocumentAsync()).QuerySelector("#link-gone")!.TextContent);
        foreach (var url in new[] { $"/rsvp/{Invitation.NewToken()}", $"/rsvp/{anna.Token[..^1]}x", "/rsvp/1" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Länken finns inte", (await response.ReadDocumentAsync()).QuerySelector("#link-gone")!.TextContent);
        }
    }

    [Fact]
    public async Task CancelledEvent_SaysSo_AndTakesNoAnswer()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var (anna, _, _, _) = await SeedAsync(app, EventStatus.Cancelled);
        var client = app.CreateBrowser();

        var page = await client.GetDocumentAsync($"/rsvp/{anna.Token}");
        Assert.Contains("Händelsen är inställd", page.Body!.TextContent);
        Assert.Null(page.QuerySelector("form.form"));
        var posted = await client.PostAsync($"/rsvp/{anna.Token}", new FormUrlEncodedContent(page.FormFields("footer form").With("answer", "Accepted")));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(RsvpStatus.NeedsAction, (await db.Invitations.SingleAsync(i => i.Id == anna.Id)).Rsvp);
    }
}
