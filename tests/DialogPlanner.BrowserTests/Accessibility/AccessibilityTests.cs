using DialogPlanner.BrowserTests.Infrastructure;
using DialogPlanner.Web.Features.Events;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace DialogPlanner.BrowserTests.Accessibility;

/// <summary>The main pages, full of demo content, pass axe's WCAG 2.0–2.2 A and AA rules in Chromium.</summary>
public sealed class AccessibilityTests(DemoYearApp app, Chromium chromium) : IClassFixture<DemoYearApp>, IClassFixture<Chromium>
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/")]
    [InlineData("/kommun/ljungby/2024")]
    [InlineData("/kommun/ljungby/personuppgifter")]
    [InlineData("/personuppgifter")]
    [InlineData("/rsvp/0000000000000000000000000000000000000000000")] // a link that does not work: its page says why
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
    [InlineData("/municipalities")]
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
    public async Task PromiseDashboard_InBothLanguages_EventPage_WalkPage_AndFindingReview_HaveNoViolations()
    {
        await using var context = await chromium.NewAdminContextAsync(app);
        var page = await context.NewPageAsync();
        // The dashboard in English too: its link names are built from translated texts (label in name, WCAG 2.5.3).
        foreach (var path in new[] { $"/promises/{app.Promise2024Id}", $"/promises/{app.Promise2024Id}?culture=en", $"/events/{app.SafetyWalkId}", $"/walks/{app.SafetyWalkId}", $"/events/{app.SafetyWalkId}/invitees",
                     $"/walks/{app.SafetyWalkId}/findings/{app.UnreviewedFindingId}/edit" })
        {
            await page.GotoAsync(app.Url(path));
            Assert.Equal(app.Url(path), page.Url);
            await Axe.AssertNoViolationsAsync(page);
        }
    }

    /// <summary>The confirmation asked before cancelling, with its reason missing: the error is tied to the field.</summary>
    [Fact]
    public async Task CancelConfirmation_WithTheReasonMissing_HasNoViolations()
    {
        int id;
        await using (var db = app.Factory.CreateDbContext())
            id = await db.Events.Where(e => e.Status == EventStatus.Scheduled).Select(e => e.Id).FirstAsync();
        await using var context = await chromium.NewAdminContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url($"/events/{id}"));
        await page.ClickAsync($"a[href='/events/{id}/cancel']");
        await page.ClickAsync("form.confirm button[type=submit]");
        await Expect(page.Locator("#reason-error")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
        await using var check = app.Factory.CreateDbContext();
        Assert.Equal(EventStatus.Scheduled, (await check.Events.SingleAsync(e => e.Id == id)).Status);
    }

    /// <summary>A municipality's settings, reached from the list, with an error shown by its field.</summary>
    [Fact]
    public async Task MunicipalitySettings_WithAnError_HasNoViolations()
    {
        await using var context = await chromium.NewAdminContextAsync(app);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url("/municipalities"));
        await page.ClickAsync("main ul.cards a >> nth=0");
        await page.FillAsync("#Slug", "Inte giltig!");
        await page.ClickAsync("form.form button[type=submit]");
        await Expect(page.Locator("#Slug-error")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(page);
    }

    /// <summary>A contact file's preview, with a row that cannot be imported listed by itself.</summary>
    [Fact]
    public async Task ContactImportPreview_HasNoViolations()
    {
        var file = Path.Combine(Path.GetTempPath(), $"kontakter-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "Namn;E-post\nPer Lund;per.lund@example.org\nBo Ek;inte-en-adress\n");
        try
        {
            await using var context = await chromium.NewAdminContextAsync(app);
            var page = await context.NewPageAsync();
            await page.GotoAsync(app.Url("/contact-groups"));
            await page.ClickAsync("main a[href$='/import'] >> nth=0");
            await Axe.AssertNoViolationsAsync(page);
            await page.SetInputFilesAsync("#file", file);
            await page.ClickAsync("form.form button[type=submit]");
            await Expect(page.Locator("ul.import-problems li")).ToHaveCountAsync(1);
            await Axe.AssertNoViolationsAsync(page);
        }
        finally
        {
            File.Delete(file);
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
