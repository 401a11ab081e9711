using DialogPlanner.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Infrastructure;

/// <summary>
/// One migrated database per provider and test process, made on first use, that every test database is copied
/// from. Applying the migrations takes a second or more per database; a copy takes milliseconds (SQLite: the file)
/// or a fraction of a second (PostgreSQL: <c>CREATE DATABASE … TEMPLATE</c>). Removed when the process exits.
/// </summary>
internal static class MigratedTemplate
{
    // Lazy's default mode runs the factory once even when many tests ask at the same moment; they all await its task.
    private static readonly Lazy<Task<string>> SqliteFile = new(() => Task.Run(CreateSqliteAsync));
    private static readonly Lazy<Task<string>> PostgresName = new(() => Task.Run(CreatePostgresAsync));

    public static async Task CopySqliteAsync(string file) => File.Copy(await SqliteFile.Value, file);

    /// <summary>
    /// PostgreSQL refuses a template that anyone is connected to; nobody is: the template was migrated over
    /// unpooled connections, which closed with their context, and its name is known to this process only.
    /// Concurrent copies of one template are fine (CREATE DATABASE takes a shared lock on its source).
    /// </summary>
    public static async Task CopyPostgresAsync(string name) =>
        await TestDatabase.ExecuteOnServerAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{await PostgresName.Value}\"");

    private static async Task<string> CreateSqliteAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dialogplanner-template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        await MigrateAsync(DatabaseSetup.Sqlite, TestDatabase.SqliteConnectionString(file));
        // Unpooled, so the last connection has closed and folded the write-ahead log into the file itself.
        if (File.Exists(file + "-wal")) throw new InvalidOperationException($"{file} still has a write-ahead log: a copy would miss part of it.");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);
        return file;
    }

    private static async Task<string> CreatePostgresAsync()
    {
        var name = $"dp_template_{Environment.ProcessId}_{Guid.NewGuid():N}";
        await TestDatabase.ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                TestDatabase.ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
            }
            catch (Npgsql.NpgsqlException)
            {
                // The server is already gone, and the template with it.
            }
        };
        await MigrateAsync(DatabaseSetup.Postgres, TestDatabase.PostgresConnectionString(name, pooling: false));
        return name;
    }

    private static async Task MigrateAsync(string provider, string connectionString)
    {
        await using var db = TestDatabase.CreateContext(provider, connectionString);
        await db.Database.MigrateAsync();
    }
}
