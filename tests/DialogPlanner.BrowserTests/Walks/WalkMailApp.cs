using DialogPlanner.BrowserTests.Infrastructure;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Features.Accounts;
using MimeKit;

namespace DialogPlanner.BrowserTests.Walks;

/// <summary>
/// A walk under way in Ljungby whose mail goes through a real SMTP server, with links that lead back to this app
/// (its public address is the loopback address it listens on), so a test reads and follows them as a recipient.
/// </summary>
public sealed class WalkMailApp : LiveApp
{
    public const string OrganiserEmail = "org@ljungby.example";

    public TestSmtpServer Smtp { get; private set; } = null!;
    public int MunicipalityId { get; private set; }
    public int WalkId { get; private set; }

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        ListenPort = TestSmtpServer.FreePort();
        var settings = await base.SettingsAsync();
        foreach (var (key, value) in OutboxTestKit.Smtp(Smtp.Port)) settings[key] = value;
        settings["Email:PublicUrl"] = $"http://127.0.0.1:{ListenPort}";
        return settings;
    }

    protected override async Task SeedAsync(AppFactory app)
    {
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        MunicipalityId = ljungby.Id;
        await app.AddUserAsync(OrganiserEmail, Roles.Organiser, ljungby.Id);
        await using var db = app.CreateDbContext();
        var walk = TestData.Walk(ljungby.Id, "Trygghetsvandring Replösa", DateTime.UtcNow.AddMinutes(-15), hours: 2, location: "Replösa skola",
            stops: [TestData.Stop("Replösa skola", 1), TestData.Stop("Gångtunneln under Replösavägen", 2)]);
        db.Events.Add(walk);
        await db.SaveChangesAsync();
        WalkId = walk.Id;
    }

    /// <summary>The one message to <paramref name="address"/> whose subject starts with <paramref name="subject"/>, once the server has it.</summary>
    public async Task<MimeMessage> MailToAsync(string address, string subject) => (await Eventually.UntilAsync(
        () => Task.FromResult(Smtp.Received.FirstOrDefault(m => m.To.Mailboxes.Any(a => a.Address == address) && m.Subject?.StartsWith(subject, StringComparison.Ordinal) == true)),
        m => m is not null, $"the mail \"{subject}…\" to {address}", seconds: 60))!;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Smtp is not null) await Smtp.DisposeAsync();
    }
}
