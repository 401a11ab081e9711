using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Admin;
using DialogPlanner.Web.Features.Promises;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.BrowserTests.Infrastructure;

/// <summary>
/// The app with pages full of real content: the demo year (organisations, contacts, groups, events, this
/// year's promise) plus the Ljungby 2024 template imported and published, and a second municipality so
/// that forms show their municipality picker.
/// </summary>
public class DemoYearApp : LiveApp
{
    public int Promise2024Id { get; private set; }
    public int SafetyWalkId { get; private set; }
    /// <summary>A finding of the walk still waiting for an organiser's review, so the page shows its approve buttons.</summary>
    public int UnreviewedFindingId { get; private set; }

    /// <summary>The demo walk is in October of this year: its recorder stays open all year here, so the phone pages can be tested.</summary>
    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        var settings = await base.SettingsAsync();
        settings["Walks:RecordingClosesDaysAfter"] = "400";
        return settings;
    }
    /// <summary>The personal token of an invitee of the walk who said they come: their page shows the recorder first.</summary>
    public string WalkInviteeToken { get; private set; } = "";
    /// <summary>The walk's check-in code, fixed so that the check-in page can be listed beside the others.</summary>
    public const string CheckInCode = "DEMK42";

    protected override async Task SeedAsync(AppFactory app)
    {
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            var template = PromiseTemplateReader.Read(await File.ReadAllBytesAsync(Repo.PathOf("templates", "promises", "ljungby-2024.json")));
            await scope.ServiceProvider.GetRequiredService<PromiseImporter>().ImportAsync(template.Template!, replace: false);
        }
        await app.AddMunicipalityAsync("Växjö");
        await using var db = app.CreateDbContext();
        var promise = await db.CitizenPromises.SingleAsync(p => p.Year == 2024);
        promise.PublishedAtUtc = DateTime.UtcNow;
        await db.SaveChangesAsync();
        Promise2024Id = promise.Id;
        var walk = await db.Events.Include(e => e.Stops).SingleAsync(e => e.Type == Web.Features.Events.EventType.SafetyWalk);
        SafetyWalkId = walk.Id;
        // A route and findings, so that the walk page draws its map.
        if (walk.Stops.Count == 0)
        {
            walk.Stops.AddRange([
                TestData.Stop("Stortorget", 1, 56.8331, 13.9408),
                TestData.Stop("Gångtunneln vid stationen", 2, 56.8352, 13.9371),
                TestData.Stop("Replösa skola", 3),
            ]);
            db.Findings.AddRange(
                TestData.Finding(walk.Id, FindingCategory.Lighting, "Trasig gatlampa", latitude: 56.8340, longitude: 13.9392),
                TestData.Finding(walk.Id, FindingCategory.Vegetation, "Buskage skymmer gångvägen", "Parken", reviewed: false));
            await db.SaveChangesAsync();
        }
        UnreviewedFindingId = await db.Findings.Where(f => f.EventId == walk.Id && f.ReviewedAtUtc == null).Select(f => f.Id).FirstAsync();
        var coming = await db.Invitations.Where(i => i.EventId == walk.Id).OrderBy(i => i.Id).FirstAsync();
        coming.Rsvp = Web.Features.Invitations.RsvpStatus.Accepted;
        walk.CheckInCode = CheckInCode;
        await db.SaveChangesAsync();
        WalkInviteeToken = coming.Token;
        await AddDeliveryStatesAsync(db, SafetyWalkId);
    }

    /// <summary>Mail in each state on the walk's invitees page: sent, failed with a long reason, queued and retrying.</summary>
    private static async Task AddDeliveryStatesAsync(Web.Data.AppDbContext db, int eventId)
    {
        var invitations = await db.Invitations.Where(i => i.EventId == eventId).OrderBy(i => i.Id).Take(3).ToListAsync();
        var now = DateTime.UtcNow;
        OutboxMessage Row(Web.Features.Invitations.Invitation i, OutboxStatus status, int attempts, string? error) => new()
        {
            ToAddress = i.Email, Subject = "Inbjudan: Trygghetsvandring", Mime = [], Kind = "invitation", InvitationId = i.Id, Status = status,
            Attempts = attempts, LastError = error, NextAttemptAtUtc = now.AddHours(1), SentAtUtc = status == OutboxStatus.Sent ? now : null, CreatedAtUtc = now,
        };
        db.OutboxMessages.AddRange(
            Row(invitations[0], OutboxStatus.Sent, 1, null),
            Row(invitations[1], OutboxStatus.Failed, 1, $"550 5.1.1 <{invitations[1].Email}>: Recipient address rejected: User unknown in virtual mailbox table ({invitations[1].Email})"),
            Row(invitations[2], OutboxStatus.Queued, 3, "smtp.ljungby.example:587: Connection refused"));
        await db.SaveChangesAsync();
    }
}
