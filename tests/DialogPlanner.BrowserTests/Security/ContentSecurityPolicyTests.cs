using DialogPlanner.BrowserTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DialogPlanner.BrowserTests.Security;

/// <summary>
/// The main pages under the app's enforcing Content-Security-Policy in Chromium: nothing is refused (the console
/// and the page's own securitypolicyviolation events are both watched), the walk maps still draw their tiles
/// from the configured tile server, the phone recorder still queues a finding offline and delivers it, and axe
/// still passes.
/// </summary>
public sealed class ContentSecurityPolicyTests(TiledDemoApp app, Chromium chromium) : IClassFixture<TiledDemoApp>, IClassFixture<Chromium>
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 3, IsMobile = true, HasTouch = true,
        Geolocation = new() { Latitude = 56.8333f, Longitude = 13.9333f, Accuracy = 8 }, Permissions = ["geolocation"], Locale = "sv-SE",
    };

    [Fact]
    public async Task OrganiserPages_IncludingTheWalkMapWithItsTiles_RefuseNothing_AndPassAxe()
    {
        await using var context = await chromium.NewAdminContextAsync(app);
        var watch = await Watch.StartAsync(context);
        var page = await context.NewPageAsync();
        var promise = app.Promise2024Id;
        var walk = app.SafetyWalkId;
        foreach (var path in new[]
                 {
                     "/", "/promises", $"/promises/{promise}", $"/promises/{promise}/report", "/events", "/events/new", $"/events/{walk}",
                     $"/events/{walk}/invitees", $"/walks/{walk}/protocol", "/organisations/responsibilities", "/contacts", "/calendar", "/tasks",
                 })
        {
            await watch.OpenAsync(page, app.Url(path));
            await Axe.AssertNoViolationsAsync(page);
            await watch.AssertNothingRefusedAsync(page);
        }

        await watch.OpenAsync(page, app.Url($"/walks/{walk}"));
        var map = page.Locator("#walk-map-slot .walk-map.leaflet-container");
        await Expect(page.Locator(".stop-marker")).ToHaveTextAsync(["1", "2"]);
        await AssertTilesShownAsync(page);
        await Expect(map.Locator(".leaflet-control-attribution")).ToContainTextAsync("Testkartor");
        await Axe.AssertNoViolationsAsync(page);
        await watch.AssertNothingRefusedAsync(page);
    }

    [Fact]
    public async Task Recorder_OnAPhone_QueuesAFindingOffline_AndDeliversIt_WithTheMap_RefusingNothing()
    {
        await using var context = await chromium.NewContextAsync(Phone);
        var watch = await Watch.StartAsync(context);
        var page = await context.NewPageAsync();
        await watch.OpenAsync(page, app.Url($"/w/{app.RecorderToken}"));
        await Expect(page.Locator("#record-map-slot .walk-map.small")).ToBeVisibleAsync();
        await AssertTilesShownAsync(page);

        await context.SetOfflineAsync(true);
        await page.Locator("label[for=category-Lighting]").TapAsync();
        await page.FillAsync("#Description", "Lampan vid cykelstället är trasig");
        await page.GetByRole(AriaRole.Button, new() { Name = "Använd min position" }).TapAsync();
        await Expect(page.Locator("#location-status")).ToContainTextAsync("Position sparad");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara iakttagelsen" }).TapAsync();
        var status = page.Locator("#queue-status");
        await Expect(status).ToContainTextAsync("Ingen anslutning. 1 iakttagelse är sparad på telefonen men inte skickad än.");
        await Axe.AssertNoViolationsAsync(page);

        await context.SetOfflineAsync(false);
        await Expect(status).ToHaveTextAsync("Iakttagelsen är skickad.");
        await using (var db = app.Factory.CreateDbContext())
            Assert.Equal(1, await db.Findings.CountAsync(f => f.EventId == app.SafetyWalkId && f.Description == "Lampan vid cykelstället är trasig"));
        await watch.AssertNothingRefusedAsync(page);
    }

    [Fact]
    public async Task PublicPages_TheAnswerLink_AndAnErrorPage_RefuseNothing_AndPassAxe()
    {
        await using var context = await chromium.NewContextAsync();
        var watch = await Watch.StartAsync(context);
        var page = await context.NewPageAsync();
        foreach (var path in new[]
                 {
                     "/", "/account/login", "/kommun/ljungby/2024", $"/kommun/ljungby/vandringar/{app.SafetyWalkId}",
                     $"/rsvp/{app.RecorderToken}", "/finns-inte",
                 })
        {
            await watch.OpenAsync(page, app.Url(path));
            await Axe.AssertNoViolationsAsync(page);
            await watch.AssertNothingRefusedAsync(page);
        }
    }

    [Fact]
    public async Task TheWatch_SeesWhatThePolicyRefuses()
    {
        await using var context = await chromium.NewContextAsync();
        var watch = await Watch.StartAsync(context);
        var page = await context.NewPageAsync();
        await watch.OpenAsync(page, app.Url("/"));

        // What an injected inline script or style attribute would try: the policy refuses both, and the watch says so.
        await page.EvaluateAsync("""
            () => {
                const script = document.createElement('script');
                script.textContent = 'window.ranInline = true';
                document.body.appendChild(script);
                document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>');
            }
            """);
        await page.WaitForFunctionAsync("() => (window.cspViolations || []).length >= 2");
        Assert.False(await page.EvaluateAsync<bool>("() => window.ranInline === true"));
        var refused = await page.EvaluateAsync<string[]>("() => window.cspViolations");
        Assert.Contains(refused, v => v.StartsWith("script-src-elem inline"));
        Assert.Contains(refused, v => v.StartsWith("style-src-attr inline"));
        await Expect(page.Locator("main")).ToBeVisibleAsync();
        Assert.Contains(watch.Console, m => m.Contains("Content Security Policy"));
    }

    /// <summary>Tiles came from the tile server on its own origin and are shown, not blanked by the policy.</summary>
    private async Task AssertTilesShownAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('img.leaflet-tile-loaded')].some(t => t.naturalWidth > 0 && t.src.includes('.localhost:'))");
        Assert.True(app.TilesServed > 0);
    }

    /// <summary>Listens for what the policy refuses: the console's reports and the page's securitypolicyviolation events.</summary>
    private sealed class Watch
    {
        public List<string> Console { get; } = [];

        public static async Task<Watch> StartAsync(IBrowserContext context)
        {
            var watch = new Watch();
            // Added through the DevTools protocol, before any of the page's own scripts, and not subject to the policy.
            await context.AddInitScriptAsync("""
                document.addEventListener('securitypolicyviolation', e =>
                    (window.cspViolations ??= []).push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} (${e.disposition})`));
                """);
            context.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy") || message.Text.Contains("Permissions-Policy") || message.Text.Contains("Permissions policy"))
                    lock (watch.Console) watch.Console.Add($"{message.Type}: {message.Text} ({message.Location})");
            };
            return watch;
        }

        /// <summary>Opens a page and checks that the policy it got is the enforcing one.</summary>
        public async Task OpenAsync(IPage page, string url)
        {
            var response = await page.GotoAsync(url) ?? throw new InvalidOperationException($"No response for {url}");
            var headers = await response.AllHeadersAsync();
            Assert.True(headers.ContainsKey("content-security-policy"), $"{url} has no Content-Security-Policy");
            Assert.False(headers.ContainsKey("content-security-policy-report-only"), $"{url} only reports");
            Assert.Equal(page.Url, url);
        }

        public async Task AssertNothingRefusedAsync(IPage page)
        {
            var inPage = await page.EvaluateAsync<string[]>("() => window.cspViolations || []");
            string[] console;
            lock (Console) console = [.. Console];
            Assert.True(inPage.Length == 0 && console.Length == 0,
                $"On {page.Url} the policy refused:\n{string.Join("\n", inPage.Concat(console))}");
        }
    }
}
