using System.Net;
using DialogPlanner.Tests.Infrastructure;

namespace DialogPlanner.Tests.Health;

public sealed class HealthTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Health_WithDatabase_Is200(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var response = await app.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_WhenTheDatabaseIsGone_Is503()
    {
        await using var app = await AppFactory.StartAsync("Postgres");
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        await app.Database.DropAsync();

        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_WhenTheMailServersCannotBeReached_IsDegraded_Not503()
    {
        var settings = new Dictionary<string, string?>(Mail.OutboxTestKit.Smtp(Mail.TestSmtpServer.FreePort()))
        {
            ["Email:Imap:Host"] = "127.0.0.1",
            ["Email:Imap:Port"] = Mail.TestSmtpServer.FreePort().ToString(),
            ["Email:Imap:Security"] = "None",
            ["Email:Imap:User"] = "svar",
            ["Email:Imap:Password"] = "secret",
        };
        await using var app = await AppFactory.StartAsync("Sqlite", settings);

        var response = await app.CreateClient().GetAsync("/health");

        // The app still serves: a load balancer must keep it, while monitoring sees mail is stuck.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HomePage_IsSwedishByDefault()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var page = await app.CreateClient().GetDocumentAsync("/");
        Assert.Equal("sv", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Logga in", page.QuerySelector("nav a[href='/account/login']")!.TextContent);
    }
}
