using System.Net;
using System.Text;
using System.Text.Json;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Contacts;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Mail;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Privacy;

public sealed class PersonalDataTests
{
    private const string Address = "asa.oberg@example.org";
    private const string Name = "Åsa Öberg";

    /// <summary>A resident who is a contact, was invited to a walk, answered, reported a finding that became a task, got mail and sent a reply that was set aside.</summary>
    private sealed record World(AppFactory App, int WalkId, int TaskId, string Token);

    private static async Task<World> ResidentAsync()
    {
        var app = await AppFactory.StartAsync("Sqlite");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatukontoret");
        var invitation = TestData.Invitation(Address, Name);
        int walkId;
        await using (var db = app.CreateDbContext())
        {
            var contact = new Contact { MunicipalityId = ljungby.Id, Name = Name, Email = Address, Groups = [new ContactGroup { MunicipalityId = ljungby.Id, Name = "Boende Replösa" }] };
            invitation.Contact = contact;
            var walk = TestData.Walk(ljungby.Id, invitations: [invitation]);
            db.AddRange(contact, walk);
            await db.SaveChangesAsync();
            walkId = walk.Id;
            db.Add(new OutboxMessage
            {
                ToAddress = Address, ToName = Name, Subject = "Inbjudan: Vandring Replösa", Kind = "invitation", InvitationId = invitation.Id,
                Mime = Encoding.UTF8.GetBytes($"To: \"{Name}\" <{Address}>\r\nSubject: Inbjudan\r\n\r\nHej {Name}!"), Status = OutboxStatus.Sent,
                NextAttemptAtUtc = DateTime.UtcNow, SentAtUtc = DateTime.UtcNow,
            });
            db.Add(new SetAsideReply { FromAddress = Address, Subject = "Svar: Vandring", Reason = SetAsideReason.NoCalendar, ReceivedAtUtc = DateTime.UtcNow, SetAsideAtUtc = DateTime.UtcNow, EventId = walk.Id });
            await db.SaveChangesAsync();
        }

        var phone = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.OK, (await phone.PostFormAsync($"/rsvp/{invitation.Token}", new() { ["answer"] = "Accepted" }, $"/rsvp/{invitation.Token}")).StatusCode);
        var recorded = await phone.PostFormAsync($"/w/{invitation.Token}/findings",
            new() { ["ClientId"] = Guid.NewGuid().ToString(), ["Category"] = "Lighting", ["Description"] = "Trasig lampa i gångtunneln", ["Place"] = "Gångtunneln" }, $"/w/{invitation.Token}");
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);

        int taskId;
        await using (var db = app.CreateDbContext())
        {
            var finding = await db.Findings.SingleAsync();
            var task = TestData.Task(ljungby.Id, street.Id, "Byt armatur i gångtunneln");
            task.History.Add(new TaskHistoryEntry { AtUtc = DateTime.UtcNow, ByName = "Samordnare", Status = FollowUpStatus.Assigned });
            finding.FollowUpTask = task;
            finding.ReviewedAtUtc = DateTime.UtcNow; // approved by the organiser, so it is in the protocol
            await db.SaveChangesAsync();
            taskId = task.Id;
        }
        return new World(app, walkId, taskId, invitation.Token);
    }

    [Fact]
    public async Task TheExport_HoldsEverything_AndAfterErasureNoTableHoldsTheAddressOrName_ButProtocolAndTaskHistoryRemain()
    {
        var w = await ResidentAsync();
        await using var app = w.App;
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var page = await admin.GetDocumentAsync("/personal-data?email=ASA.Oberg@example.org");
        var counts = page.QuerySelectorAll("table.counts tbody tr").Select(r => r.QuerySelector("td")!.TextContent.Trim()).ToList();
        Assert.Equal(["0", "1", "1", "1", "1", "1"], counts.Take(6));

        var export = await admin.GetAsync("/personal-data/export?email=asa.oberg@example.org");
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(Name, root.GetProperty("Contacts")[0].GetProperty("Name").GetString());
        Assert.Equal("Accepted", root.GetProperty("Invitations")[0].GetProperty("Answer").GetString());
        Assert.Contains($"Hej {Name}!", root.GetProperty("Mails")[0].GetProperty("Message").GetString());
        Assert.Equal("Svar: Vandring", root.GetProperty("CalendarRepliesSetAside")[0].GetProperty("Subject").GetString());
        Assert.Equal("Trasig lampa i gångtunneln", root.GetProperty("Findings")[0].GetProperty("Description").GetString());
        Assert.Contains(root.GetProperty("AuditEntries").EnumerateArray(), e => e.GetProperty("Entity").GetString() == "Finding");

        var confirm = await admin.GetDocumentAsync("/personal-data/erase?email=asa.oberg@example.org");
        Assert.Contains("kan inte ångras", confirm.QuerySelector("main")!.TextContent);
        await using (var db = app.CreateDbContext())
            Assert.Equal(1, await db.Contacts.CountAsync()); // the confirmation page changed nothing

        Assert.NotEmpty(await RowsHoldingAsync(app, "asa.oberg", "Öberg")); // the scan finds what is there
        var erased = await admin.PostFormAsync("/personal-data/erase", new() { ["email"] = Address }, "/personal-data/erase?email=asa.oberg@example.org");

        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.Empty(await RowsHoldingAsync(app, "asa.oberg", "Öberg"));
        var protocol = await admin.GetDocumentAsync($"/walks/{w.WalkId}/protocol");
        Assert.Contains("Trasig lampa i gångtunneln", protocol.QuerySelector("main")!.TextContent);
        await using var check = app.CreateDbContext();
        Assert.Equal(1, await check.TaskHistory.CountAsync(h => h.FollowUpTaskId == w.TaskId));
        Assert.Equal(RsvpStatus.Accepted, (await check.Invitations.SingleAsync()).Rsvp);
        var entry = Assert.Single(await check.AuditEntries.Where(a => a.Action == AuditAction.Erased).ToListAsync());
        Assert.Contains("\"Invitations\":[null,\"1\"]", entry.Changes);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync($"/rsvp/{w.Token}")).StatusCode);
    }

    [Fact]
    public async Task AnOrganiser_FindsOnlyWhatTheirMunicipalitiesHold_AndAParticipantIsRefused()
    {
        var w = await ResidentAsync();
        await using var app = w.App;
        var alvesta = await app.AddMunicipalityAsync("Alvesta");
        await app.AddUserAsync("samordnare@alvesta.example", Roles.Organiser, alvesta.Id);
        await app.AddUserAsync("vandrare@example.org", Roles.Participant);

        var elsewhere = await (await app.SignInAsync("samordnare@alvesta.example", TestData.Password)).GetDocumentAsync($"/personal-data?email={Address}");
        var participant = await (await app.SignInAsync("vandrare@example.org", TestData.Password)).GetAsync($"/personal-data?email={Address}");
        var notAnAddress = await (await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword)).GetDocumentAsync("/personal-data?email=inte-en-adress");

        Assert.Contains("Inget finns om den adressen.", elsewhere.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, participant.StatusCode);
        Assert.Contains("Skriv en e-postadress", notAnAddress.QuerySelector("#email-error")!.TextContent);
    }

    /// <summary>Every row of every table whose text or bytes contain any of the strings, ignoring case: what an erasure must leave none of.</summary>
    private static async Task<List<string>> RowsHoldingAsync(AppFactory app, params string[] needles)
    {
        var found = new List<string>();
        await using var connection = new SqliteConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var text = reader.GetValue(i) switch { string s => s, byte[] b => Encoding.UTF8.GetString(b), _ => null };
                    if (text is not null && needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase)))
                        found.Add($"{table}.{reader.GetName(i)}: {text}");
                }
            }
        }
        return found;
    }
}
