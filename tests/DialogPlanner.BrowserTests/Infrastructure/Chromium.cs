using Microsoft.Playwright;

namespace DialogPlanner.BrowserTests.Infrastructure;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright without `playwright install` (nothing is downloaded).
/// One browser per test class; each test opens its own context, so cookies never leak between tests.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // Keep the browser off the network and quiet: the machines reach nothing but package registries.
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly Dictionary<string, string> _adminCookies = [];

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: run ./build.sh test, which installs it (apt package chromium).");
        // Playwright waits 30 s for actions but only 5 s for Expect(...): too short on a busy 2-core machine.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        // Playwright gives every launch a fresh temporary --user-data-dir of its own and deletes it on close
        // (it refuses the argument itself), so no profile is shared between launches.
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        });
    }

    /// <summary>A fresh context: its own cookies, so nothing leaks between tests. Dispose it at the end of the test.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options);
        // CI has two cores shared with the server and the other test project: give slow moments room.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return context;
    }

    /// <summary>A fresh context already signed in as the administrator: the login form runs once per app, later contexts reuse its cookies.</summary>
    public async Task<IBrowserContext> NewAdminContextAsync(LiveApp app, BrowserNewContextOptions? options = null)
    {
        if (!_adminCookies.TryGetValue(app.BaseUrl, out var state))
        {
            await using var first = await NewContextAsync();
            await (await first.NewPageAsync()).SignInAsync(app);
            _adminCookies[app.BaseUrl] = state = await first.StorageStateAsync();
        }
        return await NewContextAsync(new BrowserNewContextOptions(options ?? new()) { StorageState = state });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
