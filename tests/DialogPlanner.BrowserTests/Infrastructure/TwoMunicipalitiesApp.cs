using DialogPlanner.Tests.Infrastructure;

namespace DialogPlanner.BrowserTests.Infrastructure;

/// <summary>The app with two municipalities, so that forms show their municipality picker.</summary>
public sealed class TwoMunicipalitiesApp : LiveApp
{
    protected override async Task SeedAsync(AppFactory app)
    {
        await app.AddMunicipalityAsync("Ljungby");
        await app.AddMunicipalityAsync("Växjö");
    }
}
