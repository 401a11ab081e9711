using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Organisations;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using MimeKit;
using TaskStatus = DialogPlanner.Web.Features.Tasks.TaskStatus;

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

    public static async Task<WalkMailWorld> StartAsync(string provider, double jobSeconds = 3600, bool published = true)
    {
        var smtp = await TestSmtpServer.StartAsync();
        var settings = OutboxTestKit.Smtp(smtp.Port);
        settings["Email:PublicUrl"] = BaseUrl;
        settings["Jobs:FollowUpMailSeconds"] = jobSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var world = new WalkMailWorld { Smtp = smtp, App = await AppFactory.StartAsync(provider, settings) };
        await world.SeedAsync(published);
        return world;
    }

    private async Task SeedAsync(bool published)
    {
        var ljungby = await App.AddMunicipalityAsync("Ljungby");
        MunicipalityId = ljungby.Id;
        StreetId = (await App.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen")).Id;
        PoliceId = (await App.AddOrganisationAsync(ljungby.Id, "Polisen Ljungby")).Id;
        await using (var db = App.CreateDbContext())
        {
            var landlord = new Organisation { MunicipalityId = ljungby.Id, Name = "Ljungbybostäder AB", Kind = OrganisationKind.Landlord, Email = "kundtjanst@bostader.example" };
            db.Organisations.Add(landlord);
            await db.SaveChangesAsync();
            LandlordId = landlord.Id;
        }
        await App.AddUserAsync("gata1@ljungby.example", Roles.TaskOwner, organisationId: StreetId);
        await App.AddUserAsync("gata2@ljungby.example", Roles.TaskOwner, organisationId: StreetId);
        await App.AddUserAsync("polis@ljungby.example", Roles.TaskOwner, organisationId: PoliceId);
        await App.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id);

        await using var context = App.CreateDbContext();
        var walk = new Event
        {
            MunicipalityId = ljungby.Id, Type = EventType.SafetyWalk, Title = "Vandring Replösa", Location = "Replösa torg", Status = EventStatus.Held,
            StartsAtUtc = DateTime.UtcNow.AddDays(-7), EndsAtUtc = DateTime.UtcNow.AddDays(-7).AddHours(2),
            ProtocolPublishedAtUtc = published ? DateTime.UtcNow : null,
            Invitations =
            [
                new Invitation { Email = ReporterEmail, Name = Reporter, Rsvp = RsvpStatus.Accepted },
                new Invitation { Email = "maria@bostader.example", Name = "Maria Bergström", Rsvp = RsvpStatus.NeedsAction, Language = "en" },
                new Invitation { Email = "lars@posten.example", Name = "Lars Öhman", Rsvp = RsvpStatus.Declined },
                new Invitation { Email = "borttagen@posten.example", Name = "Bo Borttagen", Rsvp = RsvpStatus.Accepted, RemovedAtUtc = DateTime.UtcNow },
                new Invitation { Email = "rapportor@posten.example", Name = "Rut Rapportör", Rsvp = RsvpStatus.Accepted, RemovedAtUtc = DateTime.UtcNow },
            ],
        };
        context.Events.Add(walk);
        await context.SaveChangesAsync();
        WalkId = walk.Id;
        foreach (var i in walk.Invitations) Invitations[i.Email] = i.Id;
        var findings = new[]
        {
            new Finding { EventId = walk.Id, Category = FindingCategory.Lighting, Description = "Trasig lampa", Place = "Gångtunneln", ReportedByInvitationId = Invitations[ReporterEmail] },
            new Finding { EventId = walk.Id, Category = FindingCategory.Litter, Description = "Skräp vid bänken", Place = "Parken", ReportedByInvitationId = Invitations["rapportor@posten.example"] },
            new Finding { EventId = walk.Id, Category = FindingCategory.Graffiti, Description = "Klotter på muren", Place = "Skolgården" },
        };
        context.Findings.AddRange(findings);
        await context.SaveChangesAsync();
        Findings = findings.Select(f => f.Id).ToArray();
    }

    /// <summary>A task straight in the database, for tests about what happens after triage.</summary>
    public async Task<int> AddTaskAsync(int organisationId, TaskStatus status, DateOnly due, params int[] findingIds)
    {
        await using var db = App.CreateDbContext();
        var findings = db.Findings.Where(f => findingIds.Contains(f.Id)).ToList();
        var task = new FollowUpTask
        {
            MunicipalityId = MunicipalityId, Title = $"Åtgärda {string.Join(", ", findings.Select(f => f.Description))}", ResponsibleOrganisationId = organisationId,
            DueDate = due, Status = status, Findings = findings, Resolution = status is TaskStatus.Done or TaskStatus.Rejected or TaskStatus.NotOurs ? "Avslutad i testet" : null,
        };
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
