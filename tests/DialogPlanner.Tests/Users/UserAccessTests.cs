using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Users;

/// <summary>
/// The users page's rules: an organiser reaches task owners and participants of their own municipalities only, and
/// grants only those two roles. Out of reach is 404, asking for more than one may give is 403, and nothing changes.
/// </summary>
public sealed class UserAccessTests
{
    private sealed record World(AppFactory App, int Ljungby, int Alvesta, int StreetId, int ForeignOrganisationId,
        string OwnOwnerId, string OwnParticipantId, string ForeignOwnerId, string OtherOrganiserId, string AdminId);

    private static async Task<World> StartAsync(string provider)
    {
        var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var foreign = await app.AddOrganisationAsync(alvesta.Id, "Alvestabostäder AB");
        await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id);
        await app.AddUserAsync("org2@ljungby.example", Roles.Organiser, ljungby.Id);
        await app.AddUserAsync("gata@ljungby.example", Roles.TaskOwner, organisationId: street.Id);
        await app.AddUserAsync("berit@ljungby.example", Roles.Participant, ljungby.Id);
        await app.AddUserAsync("bostader@alvesta.example", Roles.TaskOwner, organisationId: foreign.Id);
        await using var db = app.CreateDbContext();
        var ids = await db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id);
        return new World(app, ljungby.Id, alvesta.Id, street.Id, foreign.Id, ids["gata@ljungby.example"], ids["berit@ljungby.example"],
            ids["bostader@alvesta.example"], ids["org2@ljungby.example"], ids[AppFactory.AdminEmail]);
    }

    private static Dictionary<string, string> Invite(string email, string role, int? municipalityId = null, int? organisationId = null)
    {
        var form = new Dictionary<string, string> { ["Email"] = email, ["Roles"] = role };
        if (municipalityId is not null) form["MunicipalityIds"] = municipalityId.Value.ToString();
        if (organisationId is not null) form["OrganisationId"] = organisationId.Value.ToString();
        return form;
    }

    /// <summary>A form with repeated fields (checkboxes), posted as a browser does: with the token of the form's page.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formPage, params (string Name, string Value)[] fields)
    {
        var page = await client.GetDocumentAsync(formPage);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var body = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(body));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Organiser_CannotGrantAdministratorOrOrganiser_NorInviteOutsideTheirMunicipalities(string provider)
    {
        var w = await StartAsync(provider);
        await using var app = w.App;
        var organiser = await app.SignInAsync("org@ljungby.example", TestData.Password);

        var asAdmin = await organiser.PostFormAsync("/users/invite", Invite("ny1@ljungby.example", Roles.Administrator, w.Ljungby));
        var asOrganiser = await organiser.PostFormAsync("/users/invite", Invite("ny2@ljungby.example", Roles.Organiser, w.Ljungby));
        var elsewhere = await organiser.PostFormAsync("/users/invite", Invite("ny3@ljungby.example", Roles.Participant, w.Alvesta));
        var foreignOrganisation = await organiser.PostFormAsync("/users/invite", Invite("ny4@ljungby.example", Roles.TaskOwner, organisationId: w.ForeignOrganisationId));

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { asAdmin.StatusCode, asOrganiser.StatusCode, elsewhere.StatusCode, foreignOrganisation.StatusCode });
        await using var db = app.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email!.StartsWith("ny")));
        Assert.Empty(await db.OutboxMessages.ToListAsync());

        // An address that already has an account: said once, by the field, and nothing is added.
        var taken = await organiser.PostFormAsync("/users/invite", Invite("GATA@ljungby.example", Roles.TaskOwner, organisationId: w.StreetId));
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal("E-postadressen GATA@ljungby.example används redan.", (await taken.ReadDocumentAsync()).QuerySelector("#Email-error")!.TextContent.Trim());

        // What they may do: a task owner of their own street department.
        var allowed = await organiser.PostFormAsync("/users/invite", Invite("ny5@ljungby.example", Roles.TaskOwner, organisationId: w.StreetId));
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        var created = await db.Users.SingleAsync(u => u.Email == "ny5@ljungby.example");
        Assert.Equal((w.StreetId, (string?)null), (created.OrganisationId, created.PasswordHash));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Organiser_GetsNotFound_ForUsersOutsideTheirReach_AndForbidden_WhenRaisingTheirOwn(string provider)
    {
        var w = await StartAsync(provider);
        await using var app = w.App;
        var organiser = await app.SignInAsync("org@ljungby.example", TestData.Password);

        var list = await organiser.GetStringAsync("/users");
        Assert.Contains("gata@ljungby.example", list);
        Assert.Contains("berit@ljungby.example", list);
        Assert.DoesNotContain("bostader@alvesta.example", list);
        Assert.DoesNotContain("org2@ljungby.example", list);
        Assert.DoesNotContain(AppFactory.AdminEmail, list);

        foreach (var outOfReach in new[] { w.ForeignOwnerId, w.OtherOrganiserId, w.AdminId })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await organiser.GetAsync($"/users/{outOfReach}")).StatusCode);
            foreach (var action in new[] { "", "/disable", "/enable", "/resend" })
            {
                var post = await organiser.PostFormAsync($"/users/{outOfReach}{action}",
                    new() { ["Roles"] = Roles.Participant, ["MunicipalityIds"] = w.Ljungby.ToString() }, $"/users/{w.OwnParticipantId}");
                Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"POST /users/(out of reach){action}: {(int)post.StatusCode}");
            }
        }

        // Their own participant, raised to administrator or organiser: refused, and the roles stay.
        foreach (var role in new[] { Roles.Administrator, Roles.Organiser })
        {
            var raised = await organiser.PostFormAsync($"/users/{w.OwnParticipantId}",
                new() { ["Roles"] = role, ["MunicipalityIds"] = w.Ljungby.ToString() }, $"/users/{w.OwnParticipantId}");
            Assert.Equal(HttpStatusCode.Forbidden, raised.StatusCode);
        }
        await using var db = app.CreateDbContext();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == w.OwnParticipantId select r.Name).ToListAsync();
        Assert.Equal([Roles.Participant], roles);
        Assert.Null((await db.Users.SingleAsync(u => u.Id == w.ForeignOwnerId)).DisabledAtUtc);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Administrator_ChangesRolesAndMunicipalities_AndTheLogSaysWhoDidWhat(string provider)
    {
        var w = await StartAsync(provider);
        await using var app = w.App;
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var saved = await PostAsync(admin, $"/users/{w.OwnParticipantId}", $"/users/{w.OwnParticipantId}",
            ("Roles", Roles.Participant), ("Roles", Roles.Organiser), ("MunicipalityIds", w.Alvesta.ToString()), ("DisplayName", "Berit Ek"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var db = app.CreateDbContext();
        var user = await db.Users.Include(u => u.Municipalities).SingleAsync(u => u.Id == w.OwnParticipantId);
        Assert.Equal("Berit Ek", user.DisplayName);
        Assert.Equal([w.Alvesta], user.Municipalities.Select(m => m.Id));
        var entries = await db.AuditEntries.Where(a => a.UserId == w.AdminId && a.Entity != "AuditLog").ToListAsync();
        Assert.Contains(entries, e => e.Action == AuditAction.RoleAdded && e.Entity == "UserRole" && e.Changes!.Contains(Roles.Organiser));
        Assert.Contains(entries, e => e.Action == AuditAction.MunicipalityAdded && e.MunicipalityId == w.Alvesta);
        Assert.Contains(entries, e => e.Action == AuditAction.MunicipalityRemoved && e.EntityId == $"{w.OwnParticipantId}:{w.Ljungby}");
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TurnedOffUser_CannotSignIn_AndTheirOpenSessionEnds(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider, new Dictionary<string, string?> { ["Security:SessionCheckSeconds"] = "0" });
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        await app.AddUserAsync("gata@ljungby.example", Roles.TaskOwner, organisationId: street.Id);
        await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id);
        string ownerId;
        await using (var db = app.CreateDbContext()) ownerId = await db.Users.Where(u => u.Email == "gata@ljungby.example").Select(u => u.Id).SingleAsync();
        var owner = await app.SignInAsync("gata@ljungby.example", TestData.Password);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/tasks")).StatusCode);
        var organiser = await app.SignInAsync("org@ljungby.example", TestData.Password);

        var off = await PostAsync(organiser, $"/users/{ownerId}/disable", $"/users/{ownerId}");

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        var afterwards = await owner.GetAsync("/tasks");
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("/account/login", afterwards.Headers.Location!.PathAndQuery);
        var again = await app.CreateBrowser().PostFormAsync("/account/login", new() { ["Email"] = "gata@ljungby.example", ["Password"] = TestData.Password });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Fel e-postadress eller lösenord.", await again.Content.ReadAsStringAsync());

        var on = await PostAsync(organiser, $"/users/{ownerId}/enable", $"/users/{ownerId}");
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        await app.SignInAsync("gata@ljungby.example", TestData.Password);
        await using var check = app.CreateDbContext();
        var actions = await check.AuditEntries.Where(a => a.EntityId == ownerId).Select(a => a.Action).ToListAsync();
        Assert.Contains(AuditAction.Disabled, actions);
        Assert.Contains(AuditAction.Enabled, actions);
        Assert.Contains(AuditAction.SignInFailed, actions);
    }

    [Fact]
    public async Task TaskOwnersAndParticipants_HaveNoUsersPage()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        await app.AddUserAsync("gata@ljungby.example", Roles.TaskOwner, organisationId: street.Id);
        var owner = await app.SignInAsync("gata@ljungby.example", TestData.Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/users/invite")).StatusCode);
    }
}
