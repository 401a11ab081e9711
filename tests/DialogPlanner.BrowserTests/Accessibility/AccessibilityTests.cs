using DialogPlanner.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace DialogPlanner.BrowserTests.Accessibility;

/// <summary>The main pages, full of demo content, pass axe's WCAG 2.0–2.2 A and AA rules in Chromium.</summary>
public sealed class AccessibilityTests(DemoYearApp app, Chromium chromium) : IClassFixture<DemoYearApp>, IClassFixture<Chromium>
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/")]
    [InlineData("/kommun/ljungby/2024")]
    [InlineData("/account/forgot-password")]
    [InlineData("/account/forgot-password/sent")]
    [InlineData("/account/set-password?user=x&token=y")]
    [InlineData("/account/forgot-password?culture=en")]
    public async Task PublicPage_HasNoViolations(string path)
    {
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url(path));
        await Axe.AssertNoViolationsAsync(page);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/organisations")]
    [InlineData("/organisations/new")]
    [InlineData("/organisations/responsibilities")]
    [InlineData("/contacts")]
    [InlineData("/contacts/new")]
    [InlineData("/contact-groups")]
    [InlineData("/promises")]
    [InlineData("/promises/import")]
    [InlineData("/events")]
    [InlineData("/tasks")]
    [InlineData("/events/new")]
    [InlineData("/calendar")]
    [InlineData("/admin/calendar-replies")]
    [InlineData("/help")]
    [InlineData("/audit")]
    [InlineData("/personal-data?email=kontakt@lagastrand.example")]
    [InlineData("/users")]
    [InlineData("/users?culture=en")]
    [InlineData("/users/invite")]
    [InlineData("/account/two-factor")]
    [InlineData("/account/two-factor?culture=en")]
    [InlineData("/account/password")]
    public async Task OrganiserPage_HasNoViolations(string path)
    {
        await using var context = await chromium.NewAdminContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url(path));
        Assert.Equal(path.Split('?')[0], page.Path());
        await Axe.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task PromiseDashboard_InBothLanguages_EventPage_AndWalkPage_HaveNoViolations()
    {
        await using var context = await chromium.NewAdminContextAsync(app);
        var page = await context.NewPageAsync();
        // The dashboard in English too: its link names are built from translated texts (label in name, WCAG 2.5.3).
        foreach (var path in new[] { $"/promises/{app.Promise2024Id}", $"/promises/{app.Promise2024Id}?culture=en", $"/events/{app.SafetyWalkId}", $"/walks/{app.SafetyWalkId}", $"/events/{app.SafetyWalkId}/invitees" })
        {
            await page.GotoAsync(app.Url(path));
            Assert.Equal(app.Url(path), page.Url);
            await Axe.AssertNoViolationsAsync(page);
        }
    }

    [Fact]
    public async Task UserPage_AndInvitationWithErrorsShown_HaveNoViolations()
    {
        await using var context = await chromium.NewAdminContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url("/users"));
        await page.Locator("table a", new() { HasText = "Ändra" }).First.ClickAsync();
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ändra användare");
        await Axe.AssertNoViolationsAsync(page);

        await page.GotoAsync(app.Url("/users/invite"));
        await page.FillAsync("#Email", "inte-en-adress");
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("#Roles-error")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task HelpPage_InEnglish_HasNoViolations()
    {
        await using var context = await chromium.NewAdminContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url("/help?culture=en"));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Axe.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task OrganisationForm_WithErrorsShown_HasNoViolations()
    {
        await using var context = await chromium.NewAdminContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url("/organisations/new"));
        await page.FillAsync("#Email", "inte-en-adress");
        await page.ClickAsync("main button[type=submit]");

        await Expect(page.Locator("[aria-invalid=true]")).ToHaveCountAsync(2); // the empty name and the bad address
        await Axe.AssertNoViolationsAsync(page);
    }
}
