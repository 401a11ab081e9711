using DialogPlanner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DialogPlanner.Tests.Infrastructure;

/// <summary>
/// A database of one provider for one test: a temporary SQLite file, or a new database on the
/// PostgreSQL server that <c>./build.sh test</c> starts (its address in DIALOGPLANNER_TEST_POSTGRES).
/// <see cref="CreateAsync(string)"/> gives a migrated copy of <see cref="MigratedTemplate"/>, so the app's own migration at
/// start finds nothing to do; <see cref="CreateEmptyAsync"/> gives an empty one, for the tests of migrating itself.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "DIALOGPLANNER_TEST_POSTGRES";
    public static readonly TheoryData<string> Providers = new(DatabaseSetup.Sqlite, DatabaseSetup.Postgres);

    public string Provider { get; }
    public string ConnectionString { get; }
    private readonly string? _postgresName;

    private TestDatabase(string provider, string connectionString, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _postgresName = postgresName;
    }

    /// <summary>A database of its own with every migration applied (a copy of the template), and no rows.</summary>
    public static Task<TestDatabase> CreateAsync(string provider) => CreateAsync(provider, migrated: true);

    /// <summary>A database of its own with nothing in it, not even the migrations history.</summary>
    public static Task<TestDatabase> CreateEmptyAsync(string provider) => CreateAsync(provider, migrated: false);

    private static async Task<TestDatabase> CreateAsync(string provider, bool migrated)
    {
        if (provider == DatabaseSetup.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"dialogplanner-test-{Guid.NewGuid():N}.db");
            if (migrated) await MigratedTemplate.CopySqliteAsync(file);
            return new TestDatabase(provider, SqliteConnectionString(file), null);
        }
        var name = $"dp_test_{Guid.NewGuid():N}";
        if (migrated) await MigratedTemplate.CopyPostgresAsync(name);
        else await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return new TestDatabase(provider, PostgresConnectionString(name), name);
    }

    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with ./build.sh test, which starts a PostgreSQL server, " +
                $"or point {PostgresVariable} at one (e.g. Host=127.0.0.1;Port=5432;Username=postgres).");

    internal static string SqliteConnectionString(string file) => $"Data Source={file};Pooling=False";

    internal static string PostgresConnectionString(string database, bool pooling = true)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = database };
        if (!pooling) builder.Pooling = false;
        return builder.ConnectionString;
    }

    /// <summary>Runs one statement on the server's maintenance database (CREATE or DROP DATABASE).</summary>
    internal static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A context on this database with the app's own configuration (interceptor included).</summary>
    public AppDbContext CreateContext() => CreateContext(Provider, ConnectionString);

    internal static AppDbContext CreateContext(string provider, string connectionString)
    {
        var interceptor = new AuditInterceptor(TimeProvider.System);
        return provider == DatabaseSetup.Sqlite
            ? new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite(connectionString).AddInterceptors(interceptor).Options)
            : new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(connectionString).AddInterceptors(interceptor).Options);
    }

    public async Task<AppDbContext> CreateMigratedContextAsync()
    {
        var db = CreateContext();
        await db.Database.MigrateAsync();
        return db;
    }

    /// <summary>Makes the database unreachable for whoever uses it (PostgreSQL only).</summary>
    public async Task DropAsync()
    {
        if (_postgresName is null) throw new InvalidOperationException("Only a PostgreSQL test database can be dropped while in use.");
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresName is not null)
        {
            await DropAsync();
        }
        else
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                if (File.Exists(path)) File.Delete(path);
        }
    }
}
