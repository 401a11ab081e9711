using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Organisations;

public sealed class ResponsibilitiesTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Organiser_SetsTheOwnerPerCategory_AndTriageStartsFromIt(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var landlord = await app.AddOrganisationAsync(ljungby.Id, "Ljungbybostäder AB");
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var page = await organiser.GetDocumentAsync("/organisations/responsibilities");
        Assert.Equal("Belysning", page.QuerySelector("label[for=row-0]")!.TextContent);
        var fields = page.FormFields("form.responsibilities").With("Rows[0].OrganisationId", street.Id.ToString()).With("Rows[4].OrganisationId", landlord.Id.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostAsync("/organisations/responsibilities", new FormUrlEncodedContent(fields))).StatusCode);

        await using (var db = app.CreateDbContext())
        {
            var saved = await db.CategoryResponsibilities.Where(r => r.MunicipalityId == ljungby.Id).OrderBy(r => r.Category).ToListAsync();
            Assert.Equal([(FindingCategory.Lighting, street.Id), (FindingCategory.Litter, landlord.Id)], saved.Select(r => (r.Category, r.OrganisationId)));
        }
        var again = await organiser.GetDocumentAsync("/organisations/responsibilities");
        Assert.Equal(landlord.Id.ToString(), again.QuerySelector("#row-4 option[selected]")!.GetAttribute("value"));

        // Clearing a category removes its default; the others stay.
        var cleared = again.FormFields("form.responsibilities").With("Rows[4].OrganisationId", "");
        await organiser.PostAsync("/organisations/responsibilities", new FormUrlEncodedContent(cleared));
        await using (var db = app.CreateDbContext())
            Assert.Equal(FindingCategory.Lighting, (await db.CategoryResponsibilities.SingleAsync(r => r.MunicipalityId == ljungby.Id)).Category);
    }

    [Fact]
    public async Task ACategoryLeftOut_IsNotOfferedOnThePhone_ButAFindingAlreadyMadeInItIsKept()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        var invitation = TestData.Invitation("anna@example.test");
        await using (var db = app.CreateDbContext())
        {
            db.Events.Add(TestData.Walk(ljungby.Id, "Vandring", DateTime.UtcNow, invitations: [invitation]));
            await db.SaveChangesAsync();
        }

        var page = await organiser.GetDocumentAsync("/organisations/responsibilities");
        Assert.Null(page.QuerySelector("#offered-7")); // Övrigt is always offered
        var fields = page.FormFields("form.responsibilities");
        fields.RemoveAll(f => f is { Key: "Rows[2].Offered", Value: "true" });
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostAsync("/organisations/responsibilities", new FormUrlEncodedContent(fields))).StatusCode);

        var phone = app.CreateBrowser();
        var recorder = await phone.GetDocumentAsync($"/w/{invitation.Token}");
        Assert.Null(recorder.QuerySelector("#category-Graffiti"));
        Assert.NotNull(recorder.QuerySelector("#category-Lighting"));
        Assert.NotNull(recorder.QuerySelector("#category-Other"));
        Assert.False((await organiser.GetDocumentAsync("/organisations/responsibilities")).QuerySelector("#offered-2")!.HasAttribute("checked"));
        // A finding queued on a phone before the change still arrives.
        var late = await phone.PostFormAsync($"/w/{invitation.Token}/findings",
            new() { ["Category"] = "Graffiti", ["Description"] = "Klotter på muren", ["Place"] = "Muren vid skolan", ["ClientId"] = Guid.NewGuid().ToString() }, $"/w/{invitation.Token}");
        Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        await using var check = app.CreateDbContext();
        Assert.Equal("Graffiti", (await check.Municipalities.SingleAsync()).HiddenFindingCategories);
        Assert.Equal(FindingCategory.Graffiti, (await check.Findings.SingleAsync()).Category);
    }

    [Fact]
    public async Task AnotherMunicipalitysOrganisation_IsRefusedWithAMessage_AndNothingChanges()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        var foreign = await app.AddOrganisationAsync(alvesta.Id, "Alvesta gata");
        await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);

        var page = await organiser.GetDocumentAsync("/organisations/responsibilities");
        var response = await organiser.PostAsync("/organisations/responsibilities",
            new FormUrlEncodedContent(page.FormFields("form.responsibilities").With("Rows[2].OrganisationId", foreign.Id.ToString())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Välj en organisation i samma kommun.", (await response.ReadDocumentAsync()).QuerySelector("#row-2-error")!.TextContent);
        await using var db = app.CreateDbContext();
        Assert.False(await db.CategoryResponsibilities.AnyAsync());
    }

    [Fact]
    public async Task OnlyOrganisersOfTheMunicipality_MayReadOrChangeIt()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var own = await app.SignInAsync(await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id), TestData.Password);
        var stranger = await app.SignInAsync(await app.AddUserAsync("org@alvesta.example", Roles.Organiser, alvesta.Id), TestData.Password);
        var owner = await app.SignInAsync(await app.AddUserAsync("gata@ljungby.example", Roles.TaskOwner, organisationId: street.Id), TestData.Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/organisations/responsibilities?municipalityId={ljungby.Id}")).StatusCode);
        var post = await stranger.PostFormAsync("/organisations/responsibilities",
            new() { ["MunicipalityId"] = ljungby.Id.ToString(), ["Rows[0].Category"] = "Lighting", ["Rows[0].OrganisationId"] = street.Id.ToString() }, "/organisations/responsibilities");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/organisations/responsibilities")).StatusCode);
        var anonymous = await app.CreateBrowser().GetAsync("/organisations/responsibilities");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/organisations/responsibilities?municipalityId={ljungby.Id}")).StatusCode);
        await using var db = app.CreateDbContext();
        Assert.False(await db.CategoryResponsibilities.AnyAsync());
    }
}
