using DialogPlanner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DialogPlanner.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database of one provider: a temporary SQLite file, or a new database on the
/// PostgreSQL server that <c>./build.sh test</c> starts (its address in DIALOGPLANNER_TEST_POSTGRES).
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

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        if (provider == DatabaseSetup.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"dialogplanner-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(provider, $"Data Source={file};Pooling=False", null);
        }
        var server = ServerConnectionString();
        var name = $"dp_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(provider, builder.ConnectionString, name);
    }

    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. Run the tests with ./build.sh test, which starts a PostgreSQL server, " +
                $"or point {PostgresVariable} at one (e.g. Host=127.0.0.1;Port=5432;Username=postgres).");

    /// <summary>A context on this database with the app's own configuration (interceptor included).</summary>
    public AppDbContext CreateContext()
    {
        var interceptor = new AuditInterceptor(TimeProvider.System);
        return Provider == DatabaseSetup.Sqlite
            ? new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite(ConnectionString).AddInterceptors(interceptor).Options)
            : new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(ConnectionString).AddInterceptors(interceptor).Options);
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
        await using var connection = new NpgsqlConnection(ServerConnectionString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
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
