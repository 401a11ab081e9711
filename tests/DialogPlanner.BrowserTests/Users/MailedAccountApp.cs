using DialogPlanner.BrowserTests.Infrastructure;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using MimeKit;

namespace DialogPlanner.BrowserTests.Users;

/// <summary>
/// The app sending its mail through a real SMTP server, with links that lead back to it (Email:PublicUrl is the port it
/// listens on), and organisers required to use a second factor as in production.
/// </summary>
public sealed class MailedAccountApp : LiveApp
{
    private readonly int _port = TestSmtpServer.FreePort();

    public TestSmtpServer Smtp { get; private set; } = null!;
    public int LjungbyId { get; private set; }

    protected override int Port => _port;

    protected override async Task<Dictionary<string, string?>> SettingsAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        var settings = OutboxTestKit.Smtp(Smtp.Port);
        settings["Email:PublicUrl"] = $"http://127.0.0.1:{_port}";
        settings["Security:RequireTwoFactor"] = "Organiser";
        settings["Maps:TileUrl"] = "";
        return settings;
    }

    protected override async Task SeedAsync(AppFactory app) => LjungbyId = (await app.AddMunicipalityAsync("Ljungby")).Id;

    /// <summary>The <paramref name="nth"/> message to <paramref name="address"/> that the SMTP server accepted.</summary>
    public Task<MimeMessage> MailToAsync(string address, string subject) =>
        Eventually.UntilAsync(
            () => Task.FromResult(Smtp.Received.Where(m => m.To.Mailboxes.Any(b => b.Address == address) && m.Subject == subject).ToList()),
            list => list.Count > 0, $"the mail \"{subject}\" to {address}", seconds: 60).ContinueWith(t => t.Result[0]);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
