using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Events;

public sealed class InviteeSelectionTests
{
    [Fact]
    public void FreeAddresses_AreSplitAndChecked()
    {
        var (valid, invalid) = InviteeSelection.ParseFreeAddresses("anna@ljungby.example, Per Ek <per@ek.example>\n\nnot-an-address; x@y");
        Assert.Equal([("anna@ljungby.example", null), ("per@ek.example", "Per Ek")], valid.Select(v => (v.Email, v.Name)));
        Assert.Equal(["not-an-address", "x@y"], invalid);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ContactsGroupsAndFreeAddresses_AreInvitedOnce_EachWithTheirStatus(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        int eventId, maria, groupId, foreignContact;
        await using (var db = app.CreateDbContext())
        {
            var group = new ContactGroup { MunicipalityId = ljungby.Id, Name = "Hyresvärdar" };
            var mariaContact = TestData.Contact(ljungby.Id, "Maria Bergström", "maria@bostader.example", "en", [group]);
            db.AddRange(mariaContact, TestData.Contact(ljungby.Id, "Johan Nilsson", "johan@lagastrand.example", groups: [group]));
            var foreign = TestData.Contact(alvesta.Id, "Främling", "frammande@alvesta.example");
            var e = TestData.Event(ljungby.Id, "Hyresvärdsmöte", DateTime.UtcNow.AddDays(30), location: "Kommunhuset", type: EventType.LandlordMeeting);
            db.AddRange(foreign, e);
            await db.SaveChangesAsync();
            (eventId, maria, groupId, foreignContact) = (e.Id, mariaContact.Id, group.Id, foreign.Id);
        }
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var page = await client.GetDocumentAsync($"/events/{eventId}/invitees");
        var fields = page.FormFields("form.form")
            .Append(new("GroupIds", groupId.ToString())).Append(new("ContactIds", maria.ToString())).Append(new("ContactIds", foreignContact.ToString()))
            .ToList().With("Addresses", "MARIA@bostader.example\nKarin Åberg <karin@posten.example>");
        var response = await client.PostAsync($"/events/{eventId}/invitees", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using (var db = app.CreateDbContext())
        {
            var invitees = await db.Invitations.Where(i => i.EventId == eventId).OrderBy(i => i.Email).ToListAsync();
            Assert.Equal(["johan@lagastrand.example", "karin@posten.example", "maria@bostader.example"], invitees.Select(i => i.Email));
            Assert.Equal(("Karin Åberg", (int?)null), (invitees[1].Name, invitees[1].ContactId));
            Assert.Equal((maria, "en"), (invitees[2].ContactId!.Value, invitees[2].Language));
            Assert.All(invitees, i => Assert.Equal(RsvpStatus.NeedsAction, i.Rsvp));
            Assert.Equal(3, invitees.Select(i => i.Token).Distinct().Count());
        }

        // The organiser records an answer by hand, and removes one invitee.
        var list = await client.GetDocumentAsync($"/events/{eventId}/invitees");
        var karinRow = list.QuerySelectorAll("table.invitees tbody tr").Single(r => r.TextContent.Contains("karin@posten.example"));
        var rsvpForm = karinRow.QuerySelector("form[action$='/rsvp']")!;
        var token = rsvpForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await client.PostAsync(rsvpForm.GetAttribute("action"), new FormUrlEncodedContent([new("rsvp", "Accepted"), new("__RequestVerificationToken", token)]));
        var johanRow = list.QuerySelectorAll("table.invitees tbody tr").Single(r => r.TextContent.Contains("johan"));
        var remove = johanRow.QuerySelector("a[href$='/remove']")!.GetAttribute("href")!;
        var confirm = await client.GetDocumentAsync(remove);
        await client.PostAsync(remove, new FormUrlEncodedContent(confirm.FormFields("form.confirm")));

        var after = await client.GetDocumentAsync($"/events/{eventId}/invitees");
        Assert.Equal(2, after.QuerySelectorAll("table.invitees tbody tr").Length);
        Assert.Contains("Kommer: 1", after.QuerySelector("#rsvp-totals")!.TextContent);
        Assert.Contains("Inget svar: 1", after.QuerySelector("#rsvp-totals")!.TextContent);
    }

    [Fact]
    public async Task InvalidFreeAddress_IsShownBack_AndNobodyIsAdded()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int eventId;
        await using (var db = app.CreateDbContext())
        {
            var e = TestData.Event(ljungby.Id, "Möte", DateTime.UtcNow.AddDays(9), hours: 1, location: "Här", status: EventStatus.Draft);
            db.Events.Add(e);
            await db.SaveChangesAsync();
            eventId = e.Id;
        }
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var response = await client.PostFormAsync($"/events/{eventId}/invitees", new() { ["Addresses"] = "ok@example.se, inte en adress" });

        var page = await response.ReadDocumentAsync();
        Assert.Contains("inte en adress", page.QuerySelector("#Addresses-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#Addresses")!.GetAttribute("aria-invalid"));
        Assert.Contains("ok@example.se, inte en adress", page.QuerySelector("#Addresses")!.TextContent);
        await using var check = app.CreateDbContext();
        Assert.Equal(0, await check.Invitations.CountAsync());
    }
}
