using DialogPlanner.BrowserTests.Infrastructure;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DialogPlanner.BrowserTests.Walks;

/// <summary>The organiser reviews the walk's findings on a phone after the walk: approve one, correct and approve another, all with a tap or two.</summary>
public sealed class ReviewJourneyTests(WalkApp app, Chromium chromium) : IClassFixture<WalkApp>, IClassFixture<Chromium>
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 3, IsMobile = true, HasTouch = true,
    };

    [Fact]
    public async Task Organiser_ApprovesOne_AndCorrectsAndApprovesAnother_OnAPhone()
    {
        int lamp, bush;
        await using (var db = app.Factory.CreateDbContext())
        {
            var findings = new[]
            {
                TestData.Finding(app.WalkId, FindingCategory.Lighting, "Lampan i gångtunneln är trasig", "Gångtunneln", reviewed: false),
                TestData.Finding(app.WalkId, FindingCategory.Vegetation, "buskar vid skolan, ring Kalle 070-1234567", "Skolan", reviewed: false),
            };
            db.Findings.AddRange(findings);
            await db.SaveChangesAsync();
            (lamp, bush) = (findings[0].Id, findings[1].Id);
        }
        await using var context = await chromium.NewAdminContextAsync(app, Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url($"/walks/{app.WalkId}"));
        await Expect(page.Locator($"#finding-{lamp} .review")).ToContainTextAsync("Väntar på granskning");
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Godkänn: Lampan i gångtunneln är trasig" }).TapAsync();
        await Expect(page.Locator($"#finding-{lamp} .review")).ToContainTextAsync("Godkänd");

        // The other names a private person: the organiser takes that out before approving.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ändra: buskar vid skolan, ring Kalle 070-1234567" }).TapAsync();
        await page.WaitForURLAsync(app.Url($"/walks/{app.WalkId}/findings/{bush}/edit"), new() { WaitUntil = WaitUntilState.Commit });
        await page.FillAsync("#Description", "Buskar skymmer sikten vid skolan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara och godkänn" }).TapAsync();
        await Expect(page.Locator($"#finding-{bush}")).ToContainTextAsync("Buskar skymmer sikten vid skolan");
        await Expect(page.Locator($"#finding-{bush} .review")).ToContainTextAsync("Godkänd");
        await Expect(page.Locator("#approve-shown")).ToHaveCountAsync(0);

        await using var check = app.Factory.CreateDbContext();
        Assert.Equal(2, await check.Findings.CountAsync(f => f.EventId == app.WalkId && f.ReviewedAtUtc != null));
    }
}
