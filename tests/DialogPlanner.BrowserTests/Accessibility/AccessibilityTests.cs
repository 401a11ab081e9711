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
    [InlineData("/rsvp/0000000000000000000000000000000000000000000")] // a link that does not work: its page says why
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
