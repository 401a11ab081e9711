using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Admin.Scale;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Cli;

/// <summary><c>seed-scale --municipalities N --years Y [--seed S] [--password P]</c>: years of realistic data for measuring the app.</summary>
public sealed record SeedScaleCommand(int Municipalities, int Years, int Seed, string? Password) : CliCommand
{
    public const int MaxYears = 30;
    private static readonly HashSet<string> Known = ["municipalities", "years", "seed", "password"];

    public static CliCommand? ParseArguments(string[] args, TextWriter output)
    {
        var o = ParseOptions(args, Known, output);
        if (o is null) return null;
        if (!o.TryGetValue("municipalities", out var m) || !o.TryGetValue("years", out var y))
        {
            output.WriteLine("seed-scale needs --municipalities and --years.");
            return null;
        }
        var max = SwedishPlaces.Municipalities.Length;
        if (!int.TryParse(m, out var municipalities) || municipalities < 1 || municipalities > max)
        {
            output.WriteLine($"--municipalities must be a whole number from 1 to {max}.");
            return null;
        }
        if (!int.TryParse(y, out var years) || years < 1 || years > MaxYears)
        {
            output.WriteLine($"--years must be a whole number from 1 to {MaxYears}.");
            return null;
        }
        var seed = 1;
        if (o.TryGetValue("seed", out var s) && !int.TryParse(s, out seed))
        {
            output.WriteLine("--seed must be a whole number.");
            return null;
        }
        return new SeedScaleCommand(municipalities, years, seed, o.GetValueOrDefault("password"));
    }

    public override async Task<int> RunAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<ScaleSeeder>().SeedAsync(Municipalities, Years, Seed, Password, Console.Out);
        return 0;
    }
}
