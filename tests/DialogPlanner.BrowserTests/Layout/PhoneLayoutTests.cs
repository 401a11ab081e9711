using DialogPlanner.BrowserTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DialogPlanner.BrowserTests.Layout;

/// <summary>Walk participants and organisers on the move use phones: pages fit a 390 px wide screen (WCAG 1.4.10 Reflow).</summary>
public sealed class PhoneLayoutTests(DemoYearApp app, Chromium chromium) : IClassFixture<DemoYearApp>, IClassFixture<Chromium>
{
    private const int Width = 390;

    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = Width, Height = 844 }, DeviceScaleFactor = 3, IsMobile = true, HasTouch = true,
    };

    [Fact]
    public async Task MainPages_DoNotScrollSideways()
    {
        await using var context = await chromium.NewAdminContextAsync(app, Phone);
        var page = await context.NewPageAsync();
        var tooWide = new List<string>();
        int ljungbyId, groupId, scheduledId;
        await using (var db = app.Factory.CreateDbContext())
        {
            ljungbyId = await db.Municipalities.Where(m => m.Slug == "ljungby").Select(m => m.Id).SingleAsync();
            groupId = await db.ContactGroups.Select(g => g.Id).FirstAsync();
            scheduledId = await db.Events.Where(e => e.Status == Web.Features.Events.EventStatus.Scheduled).Select(e => e.Id).FirstAsync();
        }
        foreach (var path in new[]
                 {
                     "/", "/promises", $"/promises/{app.Promise2024Id}", "/events", $"/events/{app.SafetyWalkId}", $"/walks/{app.SafetyWalkId}", $"/events/{app.SafetyWalkId}/invitees", "/events/new",
                     "/organisations", "/organisations/new", "/organisations/responsibilities", "/contacts", "/contact-groups", "/calendar", "/admin/calendar-replies", "/kommun/ljungby/2024",
                     "/help", "/audit", "/personal-data", "/municipalities", "/kommun/ljungby/personuppgifter", "/personuppgifter",
                     $"/walks/{app.SafetyWalkId}/findings/{app.UnreviewedFindingId}/edit", "/rsvp/0000000000000000000000000000000000000000000",
                     $"/rsvp/{app.WalkInviteeToken}", $"/walks/{app.SafetyWalkId}/organiser-record",
                     $"/walks/{app.SafetyWalkId}/sheet", "/in", $"/in/{DemoYearApp.CheckInCode}",
                     "/users", "/users/invite", "/account/two-factor", "/account/password", "/account/forgot-password",
                     $"/municipalities/{ljungbyId}/settings", $"/contact-groups/{groupId}/import", $"/events/{scheduledId}/cancel",
                 })
        {
            await page.GotoAsync(app.Url(path));
            // A mobile browser zooms out to fit what overflows, so measure against the device width, not innerWidth.
            var width = await page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, window.innerWidth)");
            if (width > Width) tooWide.Add($"{path}: {width} px, widest: {await WidestAsync(page)}");
        }
        Assert.True(tooWide.Count == 0, "Wider than the phone:\n" + string.Join("\n", tooWide));
    }

    [Fact]
    public async Task Navigation_FitsTheScreen_AndEveryLinkCanBeTapped()
    {
        await using var context = await chromium.NewAdminContextAsync(app, Phone);
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.Url("/"));

        var links = page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link);
        Assert.Equal(["Medborgarlöften", "Händelser", "Organisationer", "Kontakter", "Kontaktgrupper", "Kommuner", "Kalender", "Logg", "Personuppgifter", "Användare", "Kalendersvar", "Åtgärder", "Hjälp", "Mitt konto"],
            (await links.AllTextContentsAsync()).Select(text => text.Trim()));
        foreach (var link in await links.AllAsync())
        {
            var box = await link.BoundingBoxAsync() ?? throw new InvalidOperationException("A menu link is not displayed.");
            Assert.True(box.X >= 0 && box.X + box.Width <= Width, $"{await link.TextContentAsync()} lies outside the screen: {box.X}–{box.X + box.Width}");
        }

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Händelser" }).TapAsync();
        await page.WaitForURLAsync(app.Url("/events"), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Händelser");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).TapAsync();
        await page.WaitForURLAsync(app.Url("/"), new() { WaitUntil = WaitUntilState.Commit });
    }

    // Names what sticks out furthest, text included (an unbreakable word overflows its box), so the failure says what to fix.
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
            let widest = null, right = 0;
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const box = n.nodeType === Node.TEXT_NODE ? (() => { const r = document.createRange(); r.selectNodeContents(n); return r.getBoundingClientRect(); })() : n.getBoundingClientRect();
                if (box.right > right) { right = box.right; widest = n; }
            }
            if (!widest) return '';
            const e = widest.nodeType === Node.TEXT_NODE ? widest.parentElement : widest;
            return `${e.localName}${e.id ? '#' + e.id : ''}${[...e.classList].map(c => '.' + c).join('')} "${widest.textContent.trim().slice(0, 60)}" ends at ${Math.round(right)} px`;
        }
        """);
}
