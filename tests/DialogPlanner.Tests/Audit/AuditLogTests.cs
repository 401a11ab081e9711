using System.Net;
using System.Text.Json;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Cli;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Audit;

public sealed class AuditLogTests
{
    private const string OrganiserEmail = "samordnare@ljungby.example";

    private static async Task<string> UserIdAsync(AppFactory app, string email)
    {
        await using var db = app.CreateDbContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private static Dictionary<string, string?[]> ChangesOf(AuditEntry entry) =>
        JsonSerializer.Deserialize<Dictionary<string, string?[]>>(entry.Changes ?? "{}")!;

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ACancel_LeavesOneEntry_WithTheOrganiserAndTheStatusBeforeAndAfter(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var organiserId = await UserIdAsync(app, await app.AddUserAsync(OrganiserEmail, Roles.Organiser, ljungby.Id));
        var organiser = await app.SignInAsync(OrganiserEmail, TestData.Password);
        int eventId;
        await using (var db = app.CreateDbContext())
        {
            var e = TestData.Event(ljungby.Id, "Dialogmöte om centrum");
            db.Add(e);
            await db.SaveChangesAsync();
            eventId = e.Id;
        }

        var cancelled = await organiser.PostFormAsync($"/events/{eventId}/cancel", new() { ["reason"] = "Sjukdom" }, $"/events/{eventId}");

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        await using var check = app.CreateDbContext();
        var entry = Assert.Single(await check.AuditEntries.Where(a => a.Entity == "Event" && a.EntityId == eventId.ToString()).ToListAsync());
        Assert.Equal((AuditAction.Cancelled, organiserId, ljungby.Id), (entry.Action, entry.UserId, entry.MunicipalityId));
        Assert.Equal(new[] { "Scheduled", "Cancelled" }, ChangesOf(entry)["Status"].AsEnumerable());
        Assert.Equal(new[] { null, "Sjukdom" }, ChangesOf(entry)["CancellationReason"].AsEnumerable());
    }

    [Fact]
    public async Task WhatIsDoneWithoutAPerson_IsNotInTheLog()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await using var db = app.CreateDbContext();
        db.Add(TestData.Event(ljungby.Id));
        await db.SaveChangesAsync();

        Assert.Empty(await db.AuditEntries.Where(a => a.Entity == "Event").ToListAsync());
    }

    [Fact]
    public async Task PublishingAProtocol_AndExportingIt_EachLeaveOneEntry()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var organiserId = await UserIdAsync(app, await app.AddUserAsync(OrganiserEmail, Roles.Organiser, ljungby.Id));
        var organiser = await app.SignInAsync(OrganiserEmail, TestData.Password);
        int walkId;
        await using (var db = app.CreateDbContext())
        {
            var walk = TestData.Walk(ljungby.Id, startsAtUtc: DateTime.UtcNow.AddDays(-2), status: EventStatus.Held);
            db.Add(walk);
            await db.SaveChangesAsync();
            walkId = walk.Id;
        }

        var publish = await organiser.PostFormAsync($"/walks/{walkId}/protocol/publish", new() { ["publish"] = "true" }, $"/walks/{walkId}/protocol");
        var csv = await organiser.GetAsync($"/walks/{walkId}/protocol/csv");

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.OK), (publish.StatusCode, csv.StatusCode));
        await using var check = app.CreateDbContext();
        var published = Assert.Single(await check.AuditEntries.Where(a => a.Action == AuditAction.Published).ToListAsync());
        var exported = Assert.Single(await check.AuditEntries.Where(a => a.Action == AuditAction.Exported).ToListAsync());
        Assert.Equal(("Event", walkId.ToString(), organiserId), (published.Entity, published.EntityId, published.UserId));
        Assert.Null(ChangesOf(published)["ProtocolPublishedAtUtc"][0]);
        Assert.Equal(("Protocol", walkId.ToString(), organiserId, ljungby.Id), (exported.Entity, exported.EntityId, exported.UserId, exported.MunicipalityId));
    }

    [Fact]
    public async Task ARoleGivenAtTheCommandLine_IsLogged_WithoutTheAddress()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        await app.AddMunicipalityAsync("Ljungby");

        var code = await new UserAddCommand("ny.samordnare@ljungby.example", Roles.Organiser, TestData.Password, null, "Ljungby", "Ny Samordnare").RunAsync(app.Services);

        Assert.Equal(0, code);
        await using var db = app.CreateDbContext();
        var userId = await db.Users.Where(u => u.Email == "ny.samordnare@ljungby.example").Select(u => u.Id).SingleAsync();
        var role = Assert.Single(await db.AuditEntries.Where(a => a.Action == AuditAction.RoleAdded).ToListAsync());
        Assert.Equal(new[] { null, Roles.Organiser }, ChangesOf(role)["Role"].AsEnumerable());
        Assert.StartsWith(userId, role.EntityId);
        Assert.Null(role.UserId);
        var created = Assert.Single(await db.AuditEntries.Where(a => a.Entity == "User" && a.Action == AuditAction.Created).ToListAsync());
        Assert.Equal(userId, created.EntityId);
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.Changes).ToListAsync(), c => c != null && c.Contains("ny.samordnare"));
    }

    [Fact]
    public async Task SignIns_SucceededAndFailed_AreLoggedByAccount()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var organiserId = await UserIdAsync(app, await app.AddUserAsync(OrganiserEmail, Roles.Organiser, ljungby.Id));

        await app.SignInAsync(OrganiserEmail, TestData.Password);
        var wrong = await app.CreateBrowser().PostFormAsync("/account/login", new() { ["Email"] = OrganiserEmail, ["Password"] = "fel-lösenord-1234" });
        var unknown = await app.CreateBrowser().PostFormAsync("/account/login", new() { ["Email"] = "okand@example.org", ["Password"] = "fel-lösenord-1234" });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (wrong.StatusCode, unknown.StatusCode));
        await using var db = app.CreateDbContext();
        var entries = await db.AuditEntries.Where(a => a.Entity == "User").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(
            [(AuditAction.SignedIn, organiserId), (AuditAction.SignInFailed, organiserId), (AuditAction.SignInFailed, "-")],
            entries.Select(e => (e.Action, e.EntityId)).ToList());
        Assert.DoesNotContain(entries, e => e.Changes != null && e.Changes.Contains("okand"));
    }

    [Fact]
    public async Task AnAddedInvitee_IsLogged_ButTheirAddressAndNameAreNot()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await app.AddUserAsync(OrganiserEmail, Roles.Organiser, ljungby.Id);
        var organiser = await app.SignInAsync(OrganiserEmail, TestData.Password);
        int eventId;
        await using (var db = app.CreateDbContext())
        {
            var e = TestData.Event(ljungby.Id, status: EventStatus.Draft);
            db.Add(e);
            await db.SaveChangesAsync();
            eventId = e.Id;
        }

        var added = await organiser.PostFormAsync($"/events/{eventId}/invitees", new() { ["Addresses"] = "\"Öberg, Åsa\" <asa.oberg@example.org>" }, $"/events/{eventId}/invitees");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        await using var check = app.CreateDbContext();
        var entry = Assert.Single(await check.AuditEntries.Where(a => a.Entity == "Invitation").ToListAsync());
        Assert.Equal((AuditAction.Created, ljungby.Id), (entry.Action, entry.MunicipalityId));
        Assert.Equal(new[] { null, "•••" }, ChangesOf(entry)["Email"].AsEnumerable());
        Assert.DoesNotContain("asa.oberg", entry.Changes);
        Assert.DoesNotContain("Öberg", entry.Changes);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NothingInTheApp_CanChangeOrRemoveAnEntry(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await app.AddUserAsync(OrganiserEmail, Roles.Organiser, ljungby.Id);
        await app.SignInAsync(OrganiserEmail, TestData.Password);

        await using (var db = app.CreateDbContext())
        {
            var entry = await db.AuditEntries.FirstAsync();
            entry.Action = AuditAction.Changed;
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = app.CreateDbContext())
        {
            db.Remove(await db.AuditEntries.FirstAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            Assert.Equal(1, await app.CreateDbContext().AuditEntries.CountAsync());
        }
    }

    [Fact]
    public async Task ThePage_FiltersByAction_AndOrganisersSeeOnlyTheirMunicipalities()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        await app.AddUserAsync(OrganiserEmail, Roles.Organiser, ljungby.Id);
        await app.AddUserAsync("samordnare@alvesta.example", Roles.Organiser, alvesta.Id);
        await app.AddUserAsync("vandrare@example.org", Roles.Participant);
        int eventId;
        await using (var db = app.CreateDbContext())
        {
            var e = TestData.Event(ljungby.Id, "Dialogmöte om centrum");
            db.Add(e);
            await db.SaveChangesAsync();
            eventId = e.Id;
        }
        var ljungbyOrganiser = await app.SignInAsync(OrganiserEmail, TestData.Password);
        await ljungbyOrganiser.PostFormAsync($"/events/{eventId}/cancel", new() { ["reason"] = "Sjukdom" }, $"/events/{eventId}");
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var cancels = await admin.GetDocumentAsync("/audit?action=Cancelled");
        var all = await admin.GetDocumentAsync("/audit");
        var alvestaView = await (await app.SignInAsync("samordnare@alvesta.example", TestData.Password)).GetDocumentAsync("/audit");
        var ljungbyView = await ljungbyOrganiser.GetDocumentAsync("/audit");
        var participant = await (await app.SignInAsync("vandrare@example.org", TestData.Password)).GetAsync("/audit");

        var row = Assert.Single(cancels.QuerySelectorAll("tbody tr"));
        Assert.Contains(OrganiserEmail, row.TextContent);
        Assert.Contains("Status: Scheduled → Cancelled", row.TextContent);
        Assert.True(all.QuerySelectorAll("tbody tr").Length > 1);
        Assert.Empty(alvestaView.QuerySelectorAll("tbody tr"));
        Assert.Single(ljungbyView.QuerySelectorAll("tbody tr"));
        Assert.Equal(HttpStatusCode.Forbidden, participant.StatusCode);
    }

    [Fact]
    public async Task TheCsv_HoldsTheFilteredEntries_AndTheExportIsLogged()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var csv = await admin.GetAsync("/audit/csv?action=SignedIn");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Trim().Split('\n');
        Assert.Equal(2, lines.Length); // the header and the administrator's sign-in
        Assert.Contains("Inloggning", lines[1]);
        await using var db = app.CreateDbContext();
        Assert.Single(await db.AuditEntries.Where(a => a.Entity == "AuditLog" && a.Action == AuditAction.Exported).ToListAsync());
    }

    [Fact]
    public async Task AnAnswerThroughThePersonalLink_IsLoggedAsTheInvitation()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var invitation = TestData.Invitation("asa@example.org", "Åsa Öberg");
        await using (var db = app.CreateDbContext())
        {
            db.Add(TestData.Event(ljungby.Id, invitations: [invitation]));
            await db.SaveChangesAsync();
        }

        var answered = await app.CreateBrowser().PostFormAsync($"/rsvp/{invitation.Token}", new() { ["answer"] = "Accepted" }, $"/rsvp/{invitation.Token}");

        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        await using var check = app.CreateDbContext();
        var entry = Assert.Single(await check.AuditEntries.Where(a => a.Entity == "Invitation").ToListAsync());
        Assert.Equal((AuditAction.Changed, (string?)null, (int?)invitation.Id, invitation.Id.ToString()), (entry.Action, entry.UserId, entry.InvitationId, entry.EntityId));
        Assert.Equal(new[] { "NeedsAction", "Accepted" }, ChangesOf(entry)["Rsvp"].AsEnumerable());
    }
}
