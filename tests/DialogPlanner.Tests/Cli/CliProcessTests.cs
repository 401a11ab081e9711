using System.Diagnostics;
using DialogPlanner.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Cli;

/// <summary>The real executable, as an operator's script would call it.</summary>
public sealed class CliProcessTests
{
    [Fact]
    public async Task UnknownCommand_PrintsUsage_AndExitsNonZero()
    {
        var (code, output) = await RunAsync(null, "frobnicate");
        Assert.Equal(2, code);
        Assert.Contains("Usage:", output);
        Assert.Contains("frobnicate", output);
    }

    [Fact]
    public async Task Migrate_CreatesTheDatabase_ThenReportsUpToDate()
    {
        await using var database = await TestDatabase.CreateEmptyAsync("Sqlite");

        var (first, firstOutput) = await RunAsync(database, "migrate");
        var (second, secondOutput) = await RunAsync(database, "migrate");

        Assert.Equal((0, 0), (first, second));
        Assert.Matches(@"Applied \d+ migration", firstOutput);
        Assert.Contains("up to date", secondOutput);
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task PromiseImport_BrokenFile_ExplainsWithLine_AndImportsNothing()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var file = Path.Combine(Path.GetTempPath(), $"promise-{Guid.NewGuid():N}.json");
        var text = await File.ReadAllTextAsync(Repo.PathOf("templates", "promises", "ljungby-2024.json"));
        await File.WriteAllTextAsync(file, text.Replace("\"responsible\": \"Polis\"", "\"responsible\": \"Polismyndigheten\""));
        try
        {
            var (broken, output) = await RunAsync(database, "promise", "import", file);
            var (good, goodOutput) = await RunAsync(database, "promise", "import", Repo.PathOf("templates", "promises", "ljungby-2024.json"));
            var (again, againOutput) = await RunAsync(database, "promise", "import", Repo.PathOf("templates", "promises", "ljungby-2024.json"));

            Assert.Equal((1, 0, 3), (broken, good, again));
            Assert.Matches(@"rad \d+, \$\.focusAreas\[\d\]\.pledges\[\d\]\.responsible", output);
            Assert.Contains("inget importerades", output);
            Assert.Contains("6 fokusområden, 21 löften", goodOutput);
            Assert.Contains("--replace", againOutput);
            await using var db = database.CreateContext();
            Assert.Equal(21, await db.Pledges.CountAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task PromiseImport_ThroughDotnetRun_TakesThePathAsTypedAtTheRepositoryRoot()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        // As the README has it, typed at the repository root; dotnet run starts the app in the project folder.
        // --no-build and Release: the test run has just built it, and a second build would race the test binaries.
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repo.Root };
        foreach (var arg in new[] { "run", "--no-build", "-c", "Release", "--project", "src/DialogPlanner.Web", "--" }) start.ArgumentList.Add(arg);
        start.Environment["PWD"] = Repo.Root;

        var (code, output) = await RunAsync(database, start, "promise", "import", "templates/promises/ljungby-2024.json");

        Assert.True(code == 0, output);
        Assert.Contains("6 fokusområden, 21 löften", output);
        await using var db = database.CreateContext();
        Assert.Equal(21, await db.Pledges.CountAsync());
    }

    [Fact]
    public async Task PromiseImport_MissingFile_NamesTheFullPathItLookedFor()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        var (code, output) = await RunAsync(database, "promise", "import", "finns-inte/löfte.json");
        Assert.Equal(1, code);
        Assert.Contains("Filen finns inte: " + Path.Combine(AppContext.BaseDirectory, "finns-inte", "löfte.json"), output);
    }

    [Fact]
    public async Task Backup_CopiesTheSqliteDatabase_NeverOverwrites_AndNamesPgDumpForPostgres()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using (var db = database.CreateContext())
        {
            db.Municipalities.Add(TestData.Municipality("Ljungby"));
            await db.SaveChangesAsync();
        }
        var file = Path.Combine(Path.GetTempPath(), $"backup-{Guid.NewGuid():N}.db");
        try
        {
            var (code, output) = await RunAsync(database, "backup", file);
            var (again, againOutput) = await RunAsync(database, "backup", file);
            await using var postgres = await TestDatabase.CreateAsync("Postgres");
            var (pg, pgOutput) = await RunAsync(postgres, "backup", file);

            Assert.True(code == 0, output);
            Assert.Equal((1, 1), (again, pg));
            Assert.Contains("never overwrites", againOutput);
            Assert.Contains("pg_dump", pgOutput);
            await using var copy = TestDatabase.CreateContext("Sqlite", TestDatabase.SqliteConnectionString(file));
            Assert.Equal("Ljungby", (await copy.Municipalities.SingleAsync()).Name);
            Assert.Empty(await copy.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Task<(int Code, string Output)> RunAsync(TestDatabase? database, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DialogPlanner.Web.dll"));
        start.Environment["PWD"] = AppContext.BaseDirectory;
        return RunAsync(database, start, args);
    }

    private static async Task<(int Code, string Output)> RunAsync(TestDatabase? database, ProcessStartInfo start, params string[] args)
    {
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        if (database is not null)
        {
            start.Environment["Database__Provider"] = database.Provider;
            start.Environment["ConnectionStrings__DialogPlanner"] = database.ConnectionString;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
