using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Mail;

namespace DialogPlanner.Tests.Mail;

/// <summary>Without an SMTP host the mail goes to .eml files, which /dev/mail shows in Development only.</summary>
public sealed class DevMailPageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dialogplanner-mail-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Dictionary<string, string?> Settings() => new(OutboxTestKit.Pickup(_folder)) { ["Demo:SeedOnFirstRun"] = "false" };

    [Fact]
    public async Task WithoutSmtpHost_MessagesBecomeEmlFiles_ThatDevMailShowsAnOrganiser()
    {
        await using var app = await AppFactory.StartAsync("Sqlite", Settings(), "Development");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var organiser = await app.SignInAsync(await app.AddUserAsync("org@test.example", Roles.Organiser, ljungby.Id), TestData.Password);

        await app.EnqueueAsync("anna@test.example", "bertil@test.example");
        await app.WaitForOutboxAsync(r => r.All(m => m.Status == OutboxStatus.Sent), "all rows Sent");
        var files = Directory.GetFiles(_folder).Select(Path.GetFileName).Order().ToList();
        var list = await organiser.GetDocumentAsync("/dev/mail");
        var links = list.QuerySelectorAll("main table a").Select(a => (Text: a.TextContent, Href: a.GetAttribute("href")!)).ToList();
        var shown = await organiser.GetDocumentAsync(links[0].Href);
        var raw = await organiser.GetAsync(links[0].Href + "/raw");

        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.EndsWith(".eml", f));
        Assert.Equal(["Inbjudan 2", "Inbjudan 1"], links.Select(l => l.Text)); // newest first
        Assert.Contains("bertil@test.example", list.QuerySelector("main table")!.TextContent);
        Assert.Contains("Inbjudan 2", shown.QuerySelector("main .mail-text")!.TextContent);
        Assert.Contains("bertil@test.example", shown.QuerySelector("main table")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal("message/rfc822", raw.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_folder, files[1]!)), await raw.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DevMail_IsForbiddenForATaskOwner()
    {
        await using var app = await AppFactory.StartAsync("Sqlite", Settings(), "Development");
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var street = await app.AddOrganisationAsync(ljungby.Id, "Gatuavdelningen");
        var owner = await app.SignInAsync(await app.AddUserAsync("gata@test.example", Roles.TaskOwner, organisationId: street.Id), TestData.Password);

        Assert.Equal(HttpStatusCode.Forbidden, (await owner.GetAsync("/dev/mail")).StatusCode);
    }

    [Fact]
    public async Task DevMail_DoesNotExistOutsideDevelopment()
    {
        await using var app = await AppFactory.StartAsync("Sqlite", Settings());
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/dev/mail")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateBrowser().GetAsync("/dev/mail")).StatusCode);
    }

    [Fact]
    public async Task DevMail_ServesOnlyFilesOfThePickupFolder()
    {
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(_folder)!, "secret.eml"), "Subject: secret\r\n\r\nx");
        await using var app = await AppFactory.StartAsync("Sqlite", Settings(), "Development");
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/dev/mail/..%2Fsecret.eml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/dev/mail/missing.eml/raw")).StatusCode);
    }
}
