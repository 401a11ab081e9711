using DialogPlanner.Web.Features.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DialogPlanner.Web.Data;

public static class DatabaseSetup
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>
    /// Registers <see cref="AppDbContext"/> on the provider named by <c>Database:Provider</c>:
    /// SQLite (default, a file under App_Data) or PostgreSQL (<c>ConnectionStrings:DialogPlanner</c>).
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<PublicCacheInvalidator>();
        var provider = config["Database:Provider"] ?? Sqlite;
        var connectionString = config.GetConnectionString("DialogPlanner");
        if (provider.Equals(Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = SqliteConnectionString(connectionString, contentRoot);
            services.AddDbContext<AppDbContext, SqliteDbContext>((sp, o) =>
                o.UseSqlite(sqlite).AddInterceptors(
                    sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<AuditTrail>(), new SqliteUnicodeCase(), sp.GetRequiredService<PublicCacheInvalidator>()));
        }
        else if (provider.Equals(Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException(
                    "Database:Provider is Postgres but ConnectionStrings:DialogPlanner is empty. " +
                    "Set it, e.g. ConnectionStrings__DialogPlanner=\"Host=localhost;Database=dialogplanner;Username=dialogplanner;Password=...\".");
            services.AddDbContext<AppDbContext, PostgresDbContext>((sp, o) =>
                o.UseNpgsql(connectionString).AddInterceptors(
                    sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<AuditTrail>(), sp.GetRequiredService<PublicCacheInvalidator>()));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported: use Sqlite or Postgres.");
        }
        return services;
    }

    /// <summary>The SQLite connection string, with a relative file made absolute under the content root and its folder created.</summary>
    public static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=App_Data/dialogplanner.db" : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        // Foreign keys are on by default in Microsoft.Data.Sqlite; a busy timeout spares the
        // background workers "database is locked" when a request writes at the same moment.
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }
}

/// <summary>Used only by <c>dotnet ef migrations add --context SqliteDbContext</c>.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDbContext>
{
    public SqliteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Used only by <c>dotnet ef migrations add --context PostgresDbContext</c>; needs no server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
