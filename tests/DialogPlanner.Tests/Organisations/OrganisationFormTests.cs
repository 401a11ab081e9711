using System.Net;
using DialogPlanner.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Organisations;

public sealed class OrganisationFormTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Create_ValidForm_SavesAndRedirects(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var response = await client.PostFormAsync("/organisations/new", new()
        {
            ["MunicipalityId"] = ljungby.Id.ToString(), ["Name"] = "Centrumföreningen Ljungby", ["Kind"] = "Association", ["Email"] = "styrelsen@centrum.example",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = app.CreateDbContext();
        var saved = await db.Organisations.SingleAsync();
        Assert.Equal(("Centrumföreningen Ljungby", "styrelsen@centrum.example"), (saved.Name, saved.Email));
        var list = await client.GetStringAsync("/organisations");
        Assert.Contains("Centrumföreningen Ljungby", list);
        Assert.Contains("Förening", list);
    }

    [Fact]
    public async Task Create_InvalidForm_ShowsSwedishMessagesByTheFields_AndSavesNothing()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var response = await client.PostFormAsync("/organisations/new", new()
        {
            ["MunicipalityId"] = ljungby.Id.ToString(), ["Name"] = "", ["Kind"] = "Association", ["Email"] = "inte-en-adress", ["Phone"] = new string('1', 41),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("\"Namn\" måste anges.", page.QuerySelector("#Name-error")!.TextContent);
        Assert.Contains("giltig e-postadress", page.QuerySelector("#Email-error")!.TextContent);
        Assert.Contains("40", page.QuerySelector("#Phone-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#Email")!.GetAttribute("aria-invalid"));
        Assert.Equal("inte-en-adress", page.QuerySelector("#Email")!.GetAttribute("value"));
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.Organisations.CountAsync());
    }

    [Fact]
    public async Task Create_InEnglish_ShowsEnglishMessages()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await client.PostFormAsync("/culture", new() { ["culture"] = "en", ["returnUrl"] = "/" }, "/");

        var response = await client.PostFormAsync("/organisations/new", new() { ["MunicipalityId"] = ljungby.Id.ToString(), ["Name"] = "", ["Kind"] = "Other" });

        var page = await response.ReadDocumentAsync();
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("'Name' must not be empty", page.QuerySelector("#Name-error")!.TextContent);
        Assert.Contains("New organisation", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Create_DuplicateName_IsRefused()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await app.AddOrganisationAsync(ljungby.Id, "Ljungbybostäder AB");
        var client = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var response = await client.PostFormAsync("/organisations/new", new() { ["MunicipalityId"] = ljungby.Id.ToString(), ["Name"] = "Ljungbybostäder AB", ["Kind"] = "Landlord" });

        var page = await response.ReadDocumentAsync();
        Assert.Contains("finns redan", page.QuerySelector("#Name-error")!.TextContent);
        await using var db = app.CreateDbContext();
        Assert.Equal(1, await db.Organisations.CountAsync());
    }
}
