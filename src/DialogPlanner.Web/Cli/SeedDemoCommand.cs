using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Cli;

public sealed record SeedDemoCommand : CliCommand
{
    public override async Task<int> RunAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.MigrateAsync();
        var report = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        Console.WriteLine(report);
        return 0;
    }
}
