using DialogPlanner.BrowserTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DialogPlanner.BrowserTests.Walks;

/// <summary>The walk map in Chromium: drawn from the page's data when Leaflet loads, and not missed when it does not.</summary>
public sealed class WalkMapTests(DemoYearApp app, Chromium chromium) : IClassFixture<DemoYearApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task WalkPage_DrawsTheNumberedRouteAndFindings_AndATapFillsTheChosenStopsPosition()
    {
        await using var context = await chromium.NewAdminContextAsync(app);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(app.Url($"/walks/{app.SafetyWalkId}"));

        var map = page.Locator("#walk-map-slot .walk-map.leaflet-container");
        await Expect(map).ToHaveAttributeAsync("role", "region");
        await Expect(map).ToHaveAttributeAsync("aria-label", "Karta över rutten och iakttagelserna");
        // Two of the three stops have coordinates; the line joins them; one of two findings has a position.
        await Expect(page.Locator(".stop-marker")).ToHaveTextAsync(["1", "2"]);
        await Expect(page.Locator("path.finding-marker")).ToHaveCountAsync(1);
        await Expect(page.Locator(".leaflet-overlay-pane path:not(.finding-marker)")).ToHaveCountAsync(1);
        await Expect(page.Locator(".map-hint")).ToBeVisibleAsync();

        await page.SelectOptionAsync("#position-stop", new SelectOptionValue { Label = "Replösa skola" });
        var spot = await BareSpotAsync(map);
        await map.ClickAsync(new LocatorClickOptions { Position = new Position { X = spot[0], Y = spot[1] } });
        await Expect(page.Locator("#position-lat")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^5\d\.\d{6}$"));
        await Expect(page.Locator("#position-lon")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^1\d\.\d{6}$"));
        await Expect(page.Locator("#map-status")).ToContainTextAsync("Position ifylld från kartan");
        await page.ClickAsync("#stop-position-form button[type=submit]");
        await Expect(page.Locator(".stop-marker")).ToHaveTextAsync(["1", "2", "3"]);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Recorder_ATapOnTheSmallMapSetsTheFindingsPosition()
    {
        string token;
        await using (var db = app.Factory.CreateDbContext())
            token = await db.Invitations.Where(i => i.EventId == app.SafetyWalkId && i.RemovedAtUtc == null).Select(i => i.Token).FirstAsync();
        await using var context = await chromium.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url($"/w/{token}"));

        var map = page.Locator("#record-map-slot .walk-map.small");
        await Expect(map).ToHaveAttributeAsync("aria-label", "Karta: tryck där iakttagelsen finns");
        // The route for orientation (another test of this class may have placed its third stop).
        await Expect(page.Locator(".stop-marker").Nth(1)).ToBeVisibleAsync();
        var spot = await BareSpotAsync(map);
        await map.TapAsync(new LocatorTapOptions { Position = new Position { X = spot[0], Y = spot[1] } });
        await Expect(page.Locator("#Latitude")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^5\d\.\d{6}$"));
        await Expect(page.Locator("#location-status")).ToContainTextAsync("Position vald på kartan");
        await Axe.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task WithoutLeaflet_ThePageStaysItsLists()
    {
        await using var context = await chromium.NewAdminContextAsync(app);
        var page = await context.NewPageAsync();
        await page.RouteAsync("**/lib/leaflet/**", route => route.AbortAsync());
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(app.Url($"/walks/{app.SafetyWalkId}"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await Expect(page.Locator(".walk-map")).ToHaveCountAsync(0);
        await Expect(page.Locator(".map-hint")).ToBeHiddenAsync();
        Assert.True(await page.Locator("ol.stops li").CountAsync() >= 3);
        await Expect(page.Locator(".findings-table tbody tr")).ToHaveCountAsync(2);
        Assert.Empty(errors);
        await Axe.AssertNoViolationsAsync(page);
    }

    /// <summary>A spot of bare map, not a marker, the line or a control, relative to the map's corner.</summary>
    private static async Task<float[]> BareSpotAsync(ILocator map) => await map.EvaluateAsync<float[]>(@"m => {
        m.scrollIntoView({ block: 'center' });
        const r = m.getBoundingClientRect();
        const bare = (x, y) => [-16, 0, 16].every(dx => [-16, 0, 16].every(dy => document.elementFromPoint(r.left + x + dx, r.top + y + dy) === m));
        for (let y = r.height - 40; y > 80; y -= 10) for (let x = 60; x < r.width - 40; x += 10)
            if (bare(x, y)) return [x, y];
        return null; }");
}
