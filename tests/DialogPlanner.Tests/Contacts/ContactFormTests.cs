using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Contacts;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Contacts;

public sealed class ContactFormTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_WithGroups_SavesMembership_AndFiltersByGroup(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        int landlords;
        await using (var db = app.CreateDbContext())
        {
            var group = new ContactGroup { MunicipalityId = ljungby.Id, Name = "Hyresvärdar" };
            db.ContactGroups.Add(group);
            await db.SaveChangesAsync();
            landlords = group.Id;
        }
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var page = await client.GetDocumentAsync("/contacts/new");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await client.PostAsync("/contacts/new", new FormUrlEncodedContent([
            new("__RequestVerificationToken", token), new("MunicipalityId", ljungby.Id.ToString()), new("Name", "Maria Bergström"),
            new("Email", "maria@bostader.example"), new("Language", "sv"), new("GroupIds", landlords.ToString()),
        ]));
        await client.PostFormAsync("/contacts/new", new()
        {
            ["MunicipalityId"] = ljungby.Id.ToString(), ["Name"] = "Karin Åberg", ["Email"] = "karin@example.test", ["Language"] = "sv",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var inGroup = (await client.GetDocumentAsync($"/contacts?group={landlords}")).QuerySelector("table tbody")!.TextContent;
        Assert.Contains("Maria Bergström", inGroup);
        Assert.DoesNotContain("Karin Åberg", inGroup);
        Assert.Contains("Karin Åberg", (await client.GetDocumentAsync("/contacts?q=karin")).QuerySelector("table tbody")!.TextContent);
        // Å and å are the same letter to a searcher, on SQLite too (whose own lower() folds only A–Z).
        var byLetter = (await client.GetDocumentAsync("/contacts?q=%C3%A5berg")).QuerySelector("table tbody")!.TextContent;
        Assert.Contains("Karin Åberg", byLetter);
        Assert.DoesNotContain("Maria Bergström", byLetter);
        Assert.Contains("Maria Bergström", (await client.GetDocumentAsync("/contacts?q=BERGSTR%C3%96M")).QuerySelector("table tbody")!.TextContent);
    }

    [Fact]
    public async Task Create_BadEmailAndMissingName_SavesNothing()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var response = await client.PostFormAsync("/contacts/new", new()
        {
            ["MunicipalityId"] = ljungby.Id.ToString(), ["Name"] = " ", ["Email"] = "maria(at)example", ["Language"] = "sv",
        });

        var page = await response.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("måste anges", page.QuerySelector("#Name-error")!.TextContent);
        Assert.Contains("giltig e-postadress", page.QuerySelector("#Email-error")!.TextContent);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Contacts.CountAsync());
    }

    [Fact]
    public async Task Create_OrganisationOfAnotherMunicipality_IsRefused()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        var foreign = await app.AddOrganisationAsync(alvesta.Id, "Alvesta kommun");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var response = await client.PostFormAsync("/contacts/new", new()
        {
            ["MunicipalityId"] = ljungby.Id.ToString(), ["Name"] = "Per", ["Email"] = "per@example.test", ["Language"] = "sv", ["OrganisationId"] = foreign.Id.ToString(),
        });

        var page = await response.ReadDocumentAsync();
        Assert.Contains("samma kommun", page.QuerySelector("#OrganisationId-error")!.TextContent);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Contacts.CountAsync());
    }
}
