using DialogPlanner.Tests.Infrastructure;

namespace DialogPlanner.Tests.Operations;

/// <summary>The first start of an instance on an empty database, as a newcomer or an operator sees it.</summary>
public sealed class FreshDatabaseStartTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OnAnEmptyDatabase_TheAppMigratesFirst_AndLogsNoError(string provider)
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider);
        await using var app = await AppProcess.StartAsync(database, new Dictionary<string, string?>
        {
            ["Admin:Email"] = AppFactory.AdminEmail, ["Admin:Password"] = AppFactory.AdminPassword,
        });
        using var http = new HttpClient { BaseAddress = app.Address };
        var health = await http.GetAsync("/health");

        Assert.True(health.IsSuccessStatusCode, app.Log);
        // Before, the data-protection key ring was read before the migrations had made its table: "no such table:
        // DataProtectionKeys" and "An error occurred while reading the key ring". (On PostgreSQL, EF Core itself still logs
        // its first look at the not yet existing migrations history as a failed command: npgsql/efcore.pg#3407.)
        Assert.False(app.Log.Contains("DataProtectionKeys") || app.Log.Contains("key ring"), app.Log);
    }
}
