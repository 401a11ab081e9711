using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Municipalities;

public sealed class MunicipalitySettingsTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Organiser_SetsTheirMunicipality_AndResidentsSeeItOnThePublicPages(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await app.AddMunicipalityAsync("Alvesta");
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        var url = $"/municipalities/{ljungby.Id}/settings";
        var fields = (await organiser.GetDocumentAsync(url)).FormFields("form.form");

        // Bad input: each problem by its field, nothing saved.
        var bad = await organiser.PostAsync(url, new FormUrlEncodedContent(fields.ToList().With("Slug", "Ljungby Kommun!").With("Latitude", "56,83")
            .With("ContactEmail", "inte en adress").With("Name", "Alvesta")));
        var page = await bad.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Det finns redan en kommun", page.QuerySelector("#Name-error")!.TextContent);
        Assert.Contains("a–z", page.QuerySelector("#Slug-error")!.TextContent);
        Assert.Contains("både latitud och longitud", page.QuerySelector("#Latitude-error")!.TextContent);
        Assert.NotNull(page.QuerySelector("#ContactEmail-error"));
        await using (var db = app.CreateDbContext()) Assert.Null((await db.Municipalities.SingleAsync(m => m.Id == ljungby.Id)).Latitude);

        var saved = await organiser.PostAsync(url, new FormUrlEncodedContent(fields.ToList().With("Slug", "ljungby-kommun").With("Latitude", "56,8333").With("Longitude", "13.9333")
            .With("PublicIntroduction", "Välkommen till Ljungbys trygghetsarbete.").With("ContactEmail", "trygghet@ljungby.example")
            .With("PrivacyNotice", "Ljungby kommun är personuppgiftsansvarig.\n\nDu kan begära ett registerutdrag.")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var db = app.CreateDbContext())
        {
            var m = await db.Municipalities.SingleAsync(x => x.Id == ljungby.Id);
            Assert.Equal(("ljungby-kommun", 56.8333, 13.9333, "trygghet@ljungby.example"), (m.Slug, m.Latitude!.Value, m.Longitude!.Value, m.ContactEmail));
        }

        var notice = await app.CreateBrowser().GetDocumentAsync("/kommun/ljungby-kommun/personuppgifter");
        Assert.Equal(["Ljungby kommun är personuppgiftsansvarig.", "Du kan begära ett registerutdrag."], notice.QuerySelectorAll("main p").Take(2).Select(p => p.TextContent));
        Assert.Equal("mailto:trygghet@ljungby.example", notice.QuerySelector("main a[href^='mailto:']")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync("/kommun/ljungby/personuppgifter")).StatusCode);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OnlyAdministrators_AndTheMunicipalitysOwnOrganisers_ReachItsSettings(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@alvesta.example", Roles.Organiser, alvesta.Id), TestData.Password);
        var owner = await app.SignInAsync(await app.AddUserAsync("gata@ljungby.example", Roles.TaskOwner, organisationId: street.Id), TestData.Password);
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        var url = $"/municipalities/{ljungby.Id}/settings";

        Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await organiser.PostFormAsync(url, new() { ["Name"] = "Kapad", ["Slug"] = "kapad" }, "/municipalities")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowser().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        Assert.Equal(["Alvesta"], (await organiser.GetDocumentAsync("/municipalities")).QuerySelectorAll("main ul.cards a").Select(a => a.FirstChild!.TextContent.Trim()));
        await using var db = app.CreateDbContext();
        Assert.Equal("Ljungby", (await db.Municipalities.SingleAsync(m => m.Id == ljungby.Id)).Name);
    }
}
