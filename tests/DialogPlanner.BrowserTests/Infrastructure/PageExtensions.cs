using DialogPlanner.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DialogPlanner.BrowserTests.Infrastructure;

public static class PageExtensions
{
    /// <summary>Signs in through the real login form and waits until the app has sent the browser on.</summary>
    public static async Task SignInAsync(this IPage page, LiveApp app,
        string email = AppFactory.AdminEmail, string password = AppFactory.AdminPassword)
    {
        await page.GotoAsync(app.Url("/account/login"));
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("main button[type=submit]");
        try
        {
            // Commit is enough: the URL shows the sign-in was accepted, and later checks wait for content.
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/account/login", new() { WaitUntil = WaitUntilState.Commit });
        }
        catch (TimeoutException e)
        {
            var errors = await page.Locator(".errors, .error").AllTextContentsAsync();
            throw new InvalidOperationException($"Sign-in of {email} failed: still on {page.Url}. {string.Join(" ", errors).Trim()}", e);
        }
    }

    /// <summary>The focused element as a test can name it: its id, or its tag and text.</summary>
    public static Task<string> FocusedAsync(this IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e.id || e.localName + ':' + e.textContent.trim(); }");

    /// <summary>Presses Tab until the named element has the focus, as a keyboard user would; fails after a page's worth.</summary>
    public static async Task TabToAsync(this IPage page, string focused)
    {
        var seen = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var now = await page.FocusedAsync();
            if (now == focused) return;
            seen.Add(now);
        }
        throw new InvalidOperationException($"Tab never reached {focused}. It went through: {string.Join(" → ", seen)}");
    }

    public static string Path(this IPage page) => new Uri(page.Url).AbsolutePath;
}
