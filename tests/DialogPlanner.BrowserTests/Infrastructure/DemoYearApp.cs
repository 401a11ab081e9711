using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Admin;
using DialogPlanner.Web.Features.Promises;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.BrowserTests.Infrastructure;

/// <summary>
/// The app with pages full of real content: the demo year (organisations, contacts, groups, events, this
/// year's promise) plus the Ljungby 2024 template imported and published, and a second municipality so
/// that forms show their municipality picker.
/// </summary>
public sealed class DemoYearApp : LiveApp
{
    public int Promise2024Id { get; private set; }
    public int SafetyWalkId { get; private set; }

    protected override async Task SeedAsync(AppFactory app)
    {
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
            var template = PromiseTemplateReader.Read(await File.ReadAllBytesAsync(Repo.PathOf("templates", "promises", "ljungby-2024.json")));
            await scope.ServiceProvider.GetRequiredService<PromiseImporter>().ImportAsync(template.Template!, replace: false);
        }
        await app.AddMunicipalityAsync("Växjö");
        await using var db = app.CreateDbContext();
        var promise = await db.CitizenPromises.SingleAsync(p => p.Year == 2024);
        promise.PublishedAtUtc = DateTime.UtcNow;
        await db.SaveChangesAsync();
        Promise2024Id = promise.Id;
        SafetyWalkId = (await db.Events.SingleAsync(e => e.Type == Web.Features.Events.EventType.SafetyWalk)).Id;
    }
}
