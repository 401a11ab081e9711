using DialogPlanner.BrowserTests.Infrastructure;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
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
        LinkInvitee = TestData.Invitation("anna@example.test", "Anna");
        AxeInvitee = TestData.Invitation("cecilia@example.test", "Cecilia");
        var walk = TestData.Walk(
            ljungby.Id, "Trygghetsvandring Replösa", DateTime.UtcNow.AddMinutes(-30), hours: 2.5, location: "Replösa skola",
            invitations: [LinkInvitee, AxeInvitee, TestData.Invitation(ParticipantEmail, "Berit")],
            stops: [TestData.Stop("Replösa skola", 1), TestData.Stop("Gångtunneln under Replösavägen", 2)]);
        db.Events.Add(walk);
        await db.SaveChangesAsync();
        WalkId = walk.Id;
    }
}
