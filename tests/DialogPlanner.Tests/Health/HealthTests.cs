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
    public async Task HomePage_IsSwedishByDefault()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var page = await app.CreateClient().GetDocumentAsync("/");
        Assert.Equal("sv", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Logga in", page.QuerySelector("nav a[href='/account/login']")!.TextContent);
    }
}
