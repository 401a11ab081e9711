using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;

namespace DialogPlanner.Tests.Accounts;

public sealed class AuthorizationTests
{
    [Theory]
    [InlineData("/organisations")]
    [InlineData("/contacts")]
    [InlineData("/contact-groups/new")]
    public async Task Anonymous_OrganiserPage_RedirectsToLogin(string url)
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var response = await app.CreateBrowser().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(url), response.Headers.Location.Query);
    }

    [Theory]
    [InlineData(Roles.TaskOwner)]
    [InlineData(Roles.Participant)]
    public async Task NonOrganiser_OrganisationsAdmin_IsForbidden(string role)
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var user = await app.AddUserAsync($"{role}@test.example", role, organisationId: street.Id);
        var client = await app.SignInAsync(user, TestData.Password);

        var list = await client.GetAsync("/organisations");
        var edit = await client.GetAsync($"/organisations/{street.Id}/edit");

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Contains("behörighet", await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Organiser_SeesOnlyTheirMunicipality()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        await app.AddOrganisationAsync(ljungby.Id, "Ljungbybostäder AB");
        var foreign = await app.AddOrganisationAsync(alvesta.Id, "Alvestabostäder AB");
        var client = await app.SignInAsync(await app.AddUserAsync("org@test.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var list = await client.GetStringAsync("/organisations");
        var edit = await client.GetAsync($"/organisations/{foreign.Id}/edit");
        var post = await client.PostFormAsync($"/organisations/{foreign.Id}/edit",
            new() { ["MunicipalityId"] = alvesta.Id.ToString(), ["Name"] = "Kapad", ["Kind"] = "Landlord" }, "/organisations/new");
        var create = await client.PostFormAsync("/organisations/new",
            new() { ["MunicipalityId"] = alvesta.Id.ToString(), ["Name"] = "Smuggel AB", ["Kind"] = "Other" });

        Assert.Contains("Ljungbybostäder AB", list);
        Assert.DoesNotContain("Alvestabostäder AB", list);
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Equal(["Alvestabostäder AB", "Ljungbybostäder AB"], db.Organisations.Select(o => o.Name).OrderBy(n => n).ToArray());
    }

    [Fact]
    public async Task WrongPassword_FiveTimes_LocksTheAccount()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var client = app.CreateBrowser();
        for (var i = 0; i < 5; i++)
        {
            var failed = await client.PostFormAsync("/account/login", new() { ["Email"] = AppFactory.AdminEmail, ["Password"] = "wrong-password" });
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var withRightPassword = await client.PostFormAsync("/account/login", new() { ["Email"] = AppFactory.AdminEmail, ["Password"] = AppFactory.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, withRightPassword.StatusCode);
        Assert.Contains("låst", await withRightPassword.Content.ReadAsStringAsync());
    }
}
