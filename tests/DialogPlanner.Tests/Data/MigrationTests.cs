using DialogPlanner.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Data;

public sealed class MigrationTests
{
    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrations_ApplyToAnEmptyDatabase_AndMatchTheModel(string provider)
    {
        await using var database = await TestDatabase.CreateEmptyAsync(provider);
        await using var db = database.CreateContext();

        Assert.NotEmpty(db.Database.GetMigrations());
        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // A model change without a migration for this provider fails here.
        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} migrations lag behind the model: add a migration.");
        Assert.Equal(0, await db.Events.CountAsync());
    }
}
