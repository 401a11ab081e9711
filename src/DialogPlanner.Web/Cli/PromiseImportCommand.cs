using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Features.Promises;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Cli;

/// <summary><c>promise import FILE [--replace]</c>: checks a template and imports it, or explains every error and imports nothing.</summary>
public sealed record PromiseImportCommand(string File, bool Replace) : CliCommand
{
    public static CliCommand? ParseArguments(string[] args, TextWriter output) => args switch
    {
        [var file] when !file.StartsWith('-') => new PromiseImportCommand(file, false),
        [var file, "--replace"] when !file.StartsWith('-') => new PromiseImportCommand(file, true),
        ["--replace", var file] when !file.StartsWith('-') => new PromiseImportCommand(file, true),
        _ => null,
    };

    public override async Task<int> RunAsync(IServiceProvider services)
    {
        using var audited = AuditActor.CommandLine();
        var path = CallerPath.Resolve(File);
        if (!System.IO.File.Exists(path))
        {
            Console.Error.WriteLine($"Filen finns inte: {path}");
            return 1;
        }
        var read = PromiseTemplateReader.Read(await System.IO.File.ReadAllBytesAsync(path));
        if (!read.Ok)
        {
            Console.Error.WriteLine($"{File}: {read.Errors.Count} fel, inget importerades:");
            foreach (var error in read.Errors) Console.Error.WriteLine($"  {File}: {error}");
            return 1;
        }

        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
        var summary = await scope.ServiceProvider.GetRequiredService<PromiseImporter>().ImportAsync(read.Template!, Replace);
        var what = $"{read.Template!.Municipality} {read.Template.Year}";
        switch (summary.Outcome)
        {
            case ImportOutcome.ExistsAlready:
                Console.Error.WriteLine($"Medborgarlöftet för {what} finns redan ({summary.FocusAreas} fokusområden, {summary.Pledges} löften). " +
                                        "Kör igen med --replace för att ersätta det; händelser som hör till oförändrade löften behåller sin koppling.");
                return 3;
            case ImportOutcome.Replaced:
                Console.WriteLine($"Medborgarlöftet för {what} ersattes: {summary.FocusAreas} fokusområden, {summary.Pledges} löften.");
                return 0;
            default:
                Console.WriteLine($"Medborgarlöftet för {what} importerades: {summary.FocusAreas} fokusområden, {summary.Pledges} löften.");
                return 0;
        }
    }
}
