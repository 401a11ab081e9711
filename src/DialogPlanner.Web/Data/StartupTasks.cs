using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Admin;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Data;

/// <summary>
/// Runs before the server takes requests: applies pending migrations, makes sure the roles exist
/// and that there is an administrator, and in Development fills an empty database with the demo year.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, IConfiguration config, IHostEnvironment env, ILogger<StartupTasks> log)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        await sp.GetRequiredService<AdminBootstrap>().EnsureAdministratorAsync(cancellationToken);
        if (env.IsDevelopment() && config.GetValue("Demo:SeedOnFirstRun", true) && !await db.Municipalities.AnyAsync(cancellationToken))
        {
            var report = await sp.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
            log.LogInformation("Empty database in Development: demo data added ({Report}).", report);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
