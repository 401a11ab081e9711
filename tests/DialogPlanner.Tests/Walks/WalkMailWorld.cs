using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using MimeKit;

namespace DialogPlanner.Tests.Walks;

/// <summary>
/// A held walk in Ljungby with findings, invitees and three organisations: the street department with
/// two task owners, a landlord with only an e-mail address, and the police with an owner of its own.
/// The app sends through a real SMTP server and runs its mail job every <c>jobSeconds</c>.
/// </summary>
public sealed class WalkMailWorld : IAsyncDisposable
{
    public const string BaseUrl = "https://dialog.test";
    public const string Reporter = "Karin Åberg";
    public const string ReporterEmail = "karin@posten.example";

    public required TestSmtpServer Smtp { get; init; }
    public required AppFactory App { get; init; }
    public int MunicipalityId { get; private set; }
    public int WalkId { get; private set; }
    public int StreetId { get; private set; }
    public int LandlordId { get; private set; }
    public int PoliceId { get; private set; }
    /// <summary>Lighting (reported by Karin through her invitation), litter, graffiti: all untriaged.</summary>
    public int[] Findings { get; private set; } = [];
    public Dictionary<string, int> Invitations { get; } = [];

    /// <param name="reviewed">Whether an organiser approved the findings already (moderation); most tests start after that.</param>
    public static async Task<WalkMailWorld> StartAsync(string provider, double jobSeconds = 3600, bool published = true, bool reviewed = true)
    {
        var smtp = await TestSmtpServer.StartAsync();
        var settings = OutboxTestKit.Smtp(smtp.Port);
        settings["Email:PublicUrl"] = BaseUrl;
        settings["Jobs:FollowUpMailSeconds"] = jobSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var world = new WalkMailWorld { Smtp = smtp, App = await AppFactory.StartAsync(provider, settings) };
        await world.SeedAsync(published, reviewed);
        return world;
    }

    private async Task SeedAsync(bool published, bool reviewed)
    {
        var ljungby = await App.AddMunicipalityAsync("Ljungby");
        MunicipalityId = ljungby.Id;
        StreetId = (await App.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen")).Id;
        PoliceId = (await App.AddOrganisationAsync(ljungby.Id, "Polisen Ljungby")).Id;
        await using (var db = App.CreateDbContext())
        {
            var landlord = TestData.Organisation(ljungby.Id, "Ljungbybostäder AB", OrganisationKind.Landlord, "kundtjanst@bostader.example");
            db.Organisations.Add(landlord);
            await db.SaveChangesAsync();
            LandlordId = landlord.Id;
        }
        await App.AddUserAsync("gata1@ljungby.example", Roles.TaskOwner, organisationId: StreetId);
        await App.AddUserAsync("gata2@ljungby.example", Roles.TaskOwner, organisationId: StreetId);
        await App.AddUserAsync("polis@ljungby.example", Roles.TaskOwner, organisationId: PoliceId);
        await App.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id);

        await using var context = App.CreateDbContext();
        var walk = TestData.Walk(
            ljungby.Id, startsAtUtc: DateTime.UtcNow.AddDays(-7), location: "Replösa torg", status: EventStatus.Held,
            invitations:
            [
                TestData.Invitation(ReporterEmail, Reporter, RsvpStatus.Accepted),
                TestData.Invitation("maria@bostader.example", "Maria Bergström", RsvpStatus.NeedsAction, "en"),
                TestData.Invitation("lars@posten.example", "Lars Öhman", RsvpStatus.Declined),
                TestData.Invitation("borttagen@posten.example", "Bo Borttagen", RsvpStatus.Accepted, removedAtUtc: DateTime.UtcNow),
                TestData.Invitation("rapportor@posten.example", "Rut Rapportör", RsvpStatus.Accepted, removedAtUtc: DateTime.UtcNow),
            ]).With(w => w.ProtocolPublishedAtUtc = published ? DateTime.UtcNow : null);
        context.Events.Add(walk);
        await context.SaveChangesAsync();
        WalkId = walk.Id;
        foreach (var i in walk.Invitations) Invitations[i.Email] = i.Id;
        var findings = new[]
        {
            TestData.Finding(walk.Id, FindingCategory.Lighting, "Trasig lampa", "Gångtunneln", reviewed: reviewed).With(f => f.ReportedByInvitationId = Invitations[ReporterEmail]),
            TestData.Finding(walk.Id, FindingCategory.Litter, "Skräp vid bänken", "Parken", reviewed: reviewed).With(f => f.ReportedByInvitationId = Invitations["rapportor@posten.example"]),
            TestData.Finding(walk.Id, FindingCategory.Graffiti, "Klotter på muren", "Skolgården", reviewed: reviewed),
        };
        context.Findings.AddRange(findings);
        await context.SaveChangesAsync();
        Findings = findings.Select(f => f.Id).ToArray();
    }

    /// <summary>A task straight in the database, for tests about what happens after triage.</summary>
    public async Task<int> AddTaskAsync(int organisationId, FollowUpStatus status, DateOnly due, params int[] findingIds)
    {
        await using var db = App.CreateDbContext();
        var findings = db.Findings.Where(f => findingIds.Contains(f.Id)).ToList();
        var task = TestData.Task(MunicipalityId, organisationId, $"Åtgärda {string.Join(", ", findings.Select(f => f.Description))}", status, due).With(t =>
        {
            t.Findings = findings;
            t.Resolution = status is FollowUpStatus.Done or FollowUpStatus.Rejected or FollowUpStatus.NotOurs ? "Avslutad i testet" : null;
        });
        foreach (var f in findings) f.Triage = FindingTriage.Tasked;
        db.FollowUpTasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    }

    public async Task MarkNoActionAsync(int findingId, string reason)
    {
        await using var db = App.CreateDbContext();
        var finding = (await db.Findings.FindAsync(findingId))!;
        (finding.Triage, finding.NoActionReason) = (FindingTriage.NoAction, reason);
        await db.SaveChangesAsync();
    }

    public Task<HttpClient> OrganiserAsync() => App.SignInAsync("org@ljungby.example", TestData.Password);

    public Task<HttpClient> OwnerAsync(string email) => App.SignInAsync(email, TestData.Password);

    /// <summary>The messages the SMTP server accepted so far whose subject starts with <paramref name="prefix"/>.</summary>
    public List<MimeMessage> Received(string prefix) => Smtp.Received.Where(m => m.Subject?.StartsWith(prefix, StringComparison.Ordinal) == true).ToList();

    public static string Recipient(MimeMessage m) => ((MailboxAddress)m.To.Single()).Address;

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
