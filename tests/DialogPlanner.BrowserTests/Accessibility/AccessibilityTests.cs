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

    /// <summary>An invitee's own page of a walk (details, route, map, answer, recorder), in both languages, without an account.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("?culture=en")]
    public async Task InviteePage_HasNoViolations(string query)
    {
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url($"/rsvp/{app.WalkInviteeToken}{query}"));
        await Expect(page.Locator("#recorder")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
    }

    /// <summary>Walk-day check-in: the printable sheet, the code page, and the check-in form with its errors showing.</summary>
    [Fact]
    public async Task WalkSheet_AndCheckInPages_HaveNoViolations()
    {
        await using var organiser = await chromium.NewAdminContextAsync(app);
        var sheet = await organiser.NewPageAsync();
        await sheet.GotoAsync(app.Url($"/walks/{app.SafetyWalkId}/sheet"));
        await Expect(sheet.Locator("#check-in-code")).ToHaveTextAsync(DemoYearApp.CheckInCode);
        await Axe.AssertNoViolationsAsync(sheet);

        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url("/in?code=12"));
        await Expect(page.Locator(".errors")).ToContainTextAsync("sex tecken");
        await Axe.AssertNoViolationsAsync(page);
        foreach (var culture in new[] { "", "?culture=en" })
        {
            await page.GotoAsync(app.Url($"/in/{DemoYearApp.CheckInCode}{culture}"));
            await Axe.AssertNoViolationsAsync(page);
        }
        // The demo walk is in October: its check-in is open before then (the form) and closed after (a notice).
        // Walks/CheckInTests checks the open form with its errors on a phone.
        await page.GotoAsync(app.Url($"/in/{DemoYearApp.CheckInCode}?culture=sv"));
        if (await page.Locator("#Name").CountAsync() > 0)
        {
            await page.FillAsync("#Email", "inte-en-adress");
            await page.Locator("label[for=Private-false]").ClickAsync();
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Checka in" }).ClickAsync();
            await Expect(page.Locator("#Name-error")).ToBeVisibleAsync();
            await Axe.AssertNoViolationsAsync(page);
        }
    }

    [Fact]
    public async Task OrganisersOwnRecorder_HasNoViolations()
    {
        await using var context = await chromium.NewAdminContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url($"/walks/{app.SafetyWalkId}/organiser-record"));
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
