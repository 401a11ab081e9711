using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Invitations;

namespace DialogPlanner.Tests.Lists;

/// <summary>An event's invitees page and filter in the database; with many contacts the picker searches instead of listing them all.</summary>
public sealed class InviteeListPagingTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ManyInvitees_ArePaged_FilteredByTextAndAnswer_AndTotalsCountThemAll(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int eventId;
        await using (var db = app.CreateDbContext())
        {
            var invitations = Enumerable.Range(0, 2000).Select(i => TestData.Invitation($"person{i:0000}@example.se", $"Person {i:0000}",
                    i % 4 == 0 ? RsvpStatus.Accepted : RsvpStatus.NeedsAction))
                .Concat(Enumerable.Range(0, 60).Select(i => TestData.Invitation($"asa{i:00}@example.se", $"ÅSA ÖSTLUND {i:00}", RsvpStatus.Accepted)))
                .Append(TestData.Invitation("asa.nej@example.se", "Åsa Östlund nej", RsvpStatus.Declined))
                .Append(TestData.Invitation("borta@example.se", "Åsa borttagen", RsvpStatus.Accepted, removedAtUtc: DateTime.UtcNow));
            var e = TestData.Event(ljungby.Id, "Stormöte", invitations: invitations);
            db.Events.Add(e);
            await db.SaveChangesAsync();
            eventId = e.Id;
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var all = await organiser.GetDocumentAsync($"/events/{eventId}/invitees");
        Assert.Equal(50, all.QuerySelectorAll("table.invitees tbody tr").Length);
        Assert.Contains("Inbjudna: 2061", all.QuerySelector("#rsvp-totals")!.TextContent);
        Assert.Contains("Kommer: 560", all.QuerySelector("#rsvp-totals")!.TextContent);
        Assert.Contains("Kommer inte: 1", all.QuerySelector("#rsvp-totals")!.TextContent);
        Assert.Contains("av 2061", all.QuerySelector(".page-summary")!.TextContent);

        var first = await organiser.GetDocumentAsync($"/events/{eventId}/invitees?q=%C3%A5sa+%C3%B6st&answer=Accepted");
        var link = EventListPagingTests.NextLink(first)!;
        Assert.Contains("answer=Accepted", link);
        Assert.Contains("q=%C3%A5sa", link);
        var second = await organiser.GetDocumentAsync(link);
        var names = first.QuerySelectorAll("table.invitees tbody tr td:first-child").Concat(second.QuerySelectorAll("table.invitees tbody tr td:first-child"))
            .Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"ÅSA ÖSTLUND {i:00}"), names);
        Assert.Equal("2", EventListPagingTests.Current(second));
    }

    [Fact]
    public async Task ManyContacts_ThePickerSearches_InsteadOfListingEveryone()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int eventId;
        await using (var db = app.CreateDbContext())
        {
            db.Contacts.AddRange(Enumerable.Range(0, 400).Select(i => TestData.Contact(ljungby.Id, $"Kontakt {i:000}", $"k{i}@example.se")));
            db.Contacts.Add(TestData.Contact(ljungby.Id, "Örjan Ågren", "orjan@example.se"));
            var e = TestData.Event(ljungby.Id, "Stormöte");
            db.Events.Add(e);
            await db.SaveChangesAsync();
            eventId = e.Id;
        }
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var page = await organiser.GetDocumentAsync($"/events/{eventId}/invitees");
        Assert.Empty(page.QuerySelectorAll("input[name=ContactIds]"));
        Assert.NotNull(page.QuerySelector("form[method=get] input[name=contact]"));

        var found = await organiser.GetDocumentAsync($"/events/{eventId}/invitees?contact=%C3%B6rjan");
        var box = Assert.Single(found.QuerySelectorAll("input[name=ContactIds]"));
        Assert.Contains("Örjan Ågren", found.QuerySelector($"label[for={box.Id}]")!.TextContent);
    }
}
