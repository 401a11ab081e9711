using DialogPlanner.BrowserTests.Infrastructure;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Photos;
using DialogPlanner.Web.Features.Walks;
using ImageMagick;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DialogPlanner.BrowserTests.Walks;

/// <summary>
/// A participant on the walk, with a phone in one hand: GPS position, a photo, a dead spot without
/// connection. Every finding must arrive, once.
/// </summary>
public sealed class PhoneRecorderTests(WalkApp app, Chromium chromium) : IClassFixture<WalkApp>, IClassFixture<Chromium>
{
    private const int Width = 390;
    private const double Latitude = 56.8333, Longitude = 13.9333;

    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = Width, Height = 844 }, DeviceScaleFactor = 3, IsMobile = true, HasTouch = true,
        Geolocation = new() { Latitude = (float)Latitude, Longitude = (float)Longitude, Accuracy = 8 }, Permissions = ["geolocation"],
        Locale = "sv-SE",
    };

    private static readonly WaitUntilState Commit = WaitUntilState.Commit;

    [Fact]
    public async Task FindingWithPhotoAndPosition_ThenOneMadeOffline_BothArriveOnce()
    {
        await using var context = await chromium.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        await OpenAsync(page, $"/w/{app.LinkInvitee.Token}");
        var status = page.Locator("#queue-status");
        await Expect(status).ToHaveAttributeAsync("aria-live", "polite");

        // Online: a lamp out, where the phone stands, with a photo taken there.
        await page.Locator("label[for=category-Lighting]").TapAsync();
        await page.FillAsync("#Description", "Lampan i gångtunneln är trasig");
        await page.GetByRole(AriaRole.Button, new() { Name = "Använd min position" }).TapAsync();
        await Expect(page.Locator("#location-status")).ToContainTextAsync("Position sparad");
        await page.SetInputFilesAsync("#Photo", new FilePayload { Name = "lampa.jpg", MimeType = "image/jpeg", Buffer = await JpegAsync(page) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara iakttagelsen" }).TapAsync();
        await Expect(status).ToHaveTextAsync("Iakttagelsen är skickad.");
        await Expect(status).ToBeInViewportAsync(); // the save button was far below it
        await WaitForCountAsync(1, "the first finding");

        // A dead spot: the second finding stays on the phone, and the page says so.
        await context.SetOfflineAsync(true);
        await page.Locator("label[for=category-Graffiti]").TapAsync();
        await page.FillAsync("#Description", "Klotter på elskåpet");
        await page.FillAsync("#Place", "Elskåpet vid busshållplatsen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara iakttagelsen" }).TapAsync();
        await Expect(status).ToContainTextAsync("Ingen anslutning. 1 iakttagelse är sparad på telefonen men inte skickad än.");
        await Expect(page.Locator("#my-findings li").First).ToContainTextAsync("Klotter på elskåpet (inte skickad än)");
        Assert.Equal(1, await CountAsync());

        // Back in coverage: it goes by itself.
        await context.SetOfflineAsync(false);
        await Expect(status).ToHaveTextAsync("Iakttagelsen är skickad.");
        await Expect(page.Locator("#my-findings")).Not.ToContainTextAsync("inte skickad");
        await WaitForCountAsync(2, "the finding made offline");

        await using var db = app.Factory.CreateDbContext();
        var findings = await db.Findings.AsNoTracking().Where(f => f.ReportedByInvitationId == app.LinkInvitee.Id).OrderBy(f => f.Id).ToListAsync();
        Assert.Equal(2, findings.Count);
        var (lamp, graffiti) = (findings[0], findings[1]);
        Assert.Equal((FindingCategory.Lighting, "Lampan i gångtunneln är trasig", "image/jpeg"), (lamp.Category, lamp.Description, lamp.PhotoContentType));
        Assert.Equal(Latitude, lamp.Latitude!.Value, 4);
        Assert.Equal(Longitude, lamp.Longitude!.Value, 4);
        Assert.Equal((FindingCategory.Graffiti, "Elskåpet vid busshållplatsen", null, null, null),
            (graffiti.Category, graffiti.Place, graffiti.Latitude, graffiti.PhotoPath, graffiti.ReportedByUserId));
        Assert.NotEqual(lamp.ClientId, graffiti.ClientId);
        // The stored photo is still a picture the browser can show, at the size it was taken.
        Assert.Equal(64, await page.EvaluateAsync<int>(
            "url => new Promise(done => { const i = new Image(); i.onload = () => done(i.naturalWidth); i.onerror = () => done(-1); i.src = url; })",
            $"/w/{app.LinkInvitee.Token}/findings/{lamp.Id}/photo"));
    }

    [Fact]
    public async Task Participant_SignsInOnThePhone_AndRecordsOnTheirWalk()
    {
        await using var context = await chromium.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        await page.SignInAsync(app, WalkApp.ParticipantEmail, TestData.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mina vandringar");
        await Axe.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Trygghetsvandring Replösa" }).TapAsync();
        await page.WaitForURLAsync(app.Url($"/walks/{app.WalkId}/record"), new() { WaitUntil = Commit });
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await page.Locator("label[for=category-Vegetation]").TapAsync();
        await page.FillAsync("#Description", "Buskarna skymmer gångvägen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Använd min position" }).TapAsync();
        await Expect(page.Locator("#location-status")).ToContainTextAsync("Position sparad");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara iakttagelsen" }).TapAsync();
        await Expect(page.Locator("#queue-status")).ToHaveTextAsync("Iakttagelsen är skickad.");

        await using var db = app.Factory.CreateDbContext();
        var userId = await db.Users.Where(u => u.Email == WalkApp.ParticipantEmail).Select(u => u.Id).SingleAsync();
        var finding = await db.Findings.AsNoTracking().SingleAsync(f => f.ReportedByUserId == userId);
        Assert.Equal((app.WalkId, FindingCategory.Vegetation), (finding.EventId, finding.Category));
        Assert.Equal(Latitude, finding.Latitude!.Value, 4);
    }

    [Fact]
    public async Task Recorder_OnAPhone_HasBigTargets_FitsTheScreen_AndPassesAxe()
    {
        await using var context = await chromium.NewContextAsync(Phone);
        var page = await context.NewPageAsync();
        await OpenAsync(page, $"/w/{app.AxeInvitee.Token}");

        // Every control of the form is at least 44 × 44 px: a thumb in the dark, not a fingertip at a desk.
        var small = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('form.finding-form :is(button, textarea, input:not([type=hidden]):not([type=radio]), .categories label)')]
                .map(e => ({ e, box: e.getBoundingClientRect() }))
                .filter(({ box }) => box.width < 44 || box.height < 44)
                .map(({ e, box }) => `${e.localName}#${e.id || e.htmlFor || e.textContent.trim()} ${Math.round(box.width)}×${Math.round(box.height)}`)
            """);
        Assert.True(small.Length == 0, "Too small to tap: " + string.Join(", ", small));
        // All eight categories side by side in two columns: one tap chooses, no scrolling through a list.
        var columns = await page.EvaluateAsync<int>("() => new Set([...document.querySelectorAll('.categories label')].map(l => Math.round(l.getBoundingClientRect().left))).size");
        Assert.Equal(2, columns);
        var save = await page.GetByRole(AriaRole.Button, new() { Name = "Spara iakttagelsen" }).BoundingBoxAsync();
        Assert.True(save!.Width >= Width - 64, $"The save button is {save.Width} px wide: it should span the screen for either thumb.");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= Width, "The recorder scrolls sideways.");
        await Axe.AssertNoViolationsAsync(page);

        // The page with its messages showing, as a participant sees it after saving without connection.
        await context.SetOfflineAsync(true);
        await page.Locator("label[for=category-Litter]").TapAsync();
        await page.FillAsync("#Description", "Skräp vid bänken");
        await page.FillAsync("#Place", "Bänken vid dammen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara iakttagelsen" }).TapAsync();
        await Expect(page.Locator("#queue-status")).ToContainTextAsync("inte skickad än");
        await Axe.AssertNoViolationsAsync(page);
        await context.SetOfflineAsync(false);
        await Expect(page.Locator("#queue-status")).ToHaveTextAsync("Iakttagelsen är skickad.");
    }

    /// <summary>Opens the recorder and waits until its script runs: before that, a tap would post the plain form.</summary>
    private async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(app.Url(path), new() { WaitUntil = Commit });
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Trygghetsvandring Replösa");
    }

    /// <summary>A real JPEG, 64 × 48, as the phone's camera would hand it over: drawn and encoded by the browser.</summary>
    private static async Task<byte[]> JpegAsync(IPage page)
    {
        var dataUrl = await page.EvaluateAsync<string>("""
            () => {
                const canvas = document.createElement('canvas');
                canvas.width = 64; canvas.height = 48;
                const g = canvas.getContext('2d');
                g.fillStyle = '#1a1a40'; g.fillRect(0, 0, 64, 48);
                g.fillStyle = '#ffd23f'; g.beginPath(); g.arc(32, 20, 10, 0, 2 * Math.PI); g.fill();
                return canvas.toDataURL('image/jpeg', 0.85);
            }
            """);
        var bytes = Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',') + 1)..]);
        Assert.Equal(MagickFormat.Jpeg, PhotoCleaner.FormatOf(bytes));
        return bytes;
    }

    private async Task<int> CountAsync()
    {
        await using var db = app.Factory.CreateDbContext();
        return await db.Findings.CountAsync(f => f.ReportedByInvitationId == app.LinkInvitee.Id);
    }

    private async Task WaitForCountAsync(int expected, string what) =>
        Assert.Equal(expected, await Eventually.UntilAsync(CountAsync, n => n >= expected, what, seconds: 60));
}
