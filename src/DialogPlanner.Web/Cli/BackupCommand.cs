using DialogPlanner.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Cli;

/// <summary>
/// <c>backup FILE</c>: a consistent copy of the SQLite database through SQLite's online backup, taken while the app
/// may be running and writing. PostgreSQL has its own tool for this (pg_dump), which the command names.
/// </summary>
public sealed record BackupCommand(string File) : CliCommand
{
    public override async Task<int> RunAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.Database.IsSqlite())
        {
            Console.WriteLine("backup copies a SQLite database. For PostgreSQL use pg_dump, e.g. pg_dump --format=custom --file=FILE DATABASE.");
            return 1;
        }
        var path = CallerPath.Resolve(File);
        if (System.IO.File.Exists(path))
        {
            Console.WriteLine($"The file exists already: {path}. Choose a new name; a backup never overwrites.");
            return 1;
        }
        await using var source = new SqliteConnection(db.Database.GetConnectionString());
        await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await source.OpenAsync();
        await target.OpenAsync();
        source.BackupDatabase(target);
        Console.WriteLine($"Backed up to {path}.");
        return 0;
    }
}
