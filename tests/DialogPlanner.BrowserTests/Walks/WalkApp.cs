using DialogPlanner.BrowserTests.Infrastructure;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Walks;

namespace DialogPlanner.BrowserTests.Walks;

/// <summary>
/// A safety walk under way in Ljungby with a route and three invitees: two who use their personal link
/// (one per test, so their findings never mix) and a participant with an account.
/// </summary>
public sealed class WalkApp : LiveApp
{
    public const string ParticipantEmail = "berit@example.test";

    public int WalkId { get; private set; }
    public Invitation LinkInvitee { get; private set; } = null!;
    public Invitation AxeInvitee { get; private set; } = null!;

    protected override async Task SeedAsync(AppFactory app)
    {
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await app.AddUserAsync(ParticipantEmail, Roles.Participant);
        await using var db = app.CreateDbContext();
        LinkInvitee = new Invitation { Email = "anna@example.test", Name = "Anna" };
        AxeInvitee = new Invitation { Email = "cecilia@example.test", Name = "Cecilia" };
        var walk = new Event
        {
            MunicipalityId = ljungby.Id, Type = EventType.SafetyWalk, Title = "Trygghetsvandring Replösa", Location = "Replösa skola",
            Status = EventStatus.Scheduled, StartsAtUtc = DateTime.UtcNow.AddMinutes(-30), EndsAtUtc = DateTime.UtcNow.AddHours(2),
            Invitations = [LinkInvitee, AxeInvitee, new Invitation { Email = ParticipantEmail, Name = "Berit" }],
            Stops = [new WalkStop { Name = "Replösa skola", Order = 1 }, new WalkStop { Name = "Gångtunneln under Replösavägen", Order = 2 }],
        };
        db.Events.Add(walk);
        await db.SaveChangesAsync();
        WalkId = walk.Id;
    }
}
