using DialogPlanner.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DialogPlanner.BrowserTests.Localization;

public sealed class LanguageSwitchTests(LiveApp app, Chromium chromium) : IClassFixture<LiveApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task FooterSelect_SwitchesToEnglishAndBack_OnTheSamePage()
    {
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url("/account/login?ReturnUrl=%2Fevents"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sv");

        await page.GetByLabel("Språk").SelectOptionAsync("en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Byt språk" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await Expect(page.GetByLabel("Language")).ToHaveValueAsync("en");
        Assert.EndsWith("/account/login?ReturnUrl=%2Fevents", page.Url);

        await page.GetByLabel("Language").SelectOptionAsync("sv-SE");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change language" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "sv");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Logga in");
    }
}
