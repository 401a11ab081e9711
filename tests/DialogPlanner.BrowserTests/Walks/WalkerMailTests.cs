using AngleSharp.Html.Parser;
using DialogPlanner.BrowserTests.Infrastructure;
using DialogPlanner.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DialogPlanner.BrowserTests.Walks;

/// <summary>
/// Walkers reach the recorder from their mail: the invitation is read at the SMTP server, its recorder link is
/// followed on a phone, and what is recorded there is on the organiser's walk page.
/// </summary>
public sealed class WalkerMailTests(WalkMailApp app, Chromium chromium) : IClassFixture<WalkMailApp>, IClassFixture<Chromium>
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 3, IsMobile = true, HasTouch = true, Locale = "sv-SE",
    };

    private static readonly PageGotoOptions Commit = new() { WaitUntil = WaitUntilState.Commit };

    [Fact]
    public async Task TheInvitationsRecorderLink_OnAPhone_RecordsAFinding_ThatTheOrganiserSees()
    {
        // The organiser invites a resident from the walk's invitee page.
        await using var organiserContext = await chromium.NewContextAsync();
        var organiser = await organiserContext.NewPageAsync();
        await organiser.SignInAsync(app, WalkMailApp.OrganiserEmail, TestData.Password);
        await organiser.GotoAsync(app.Url($"/events/{app.WalkId}/invitees"));
        await organiser.FillAsync("#Addresses", "Vera Vandrare <vera@example.test>");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Lägg till" }).ClickAsync();

        // The invitation as it arrived: the recorder link, with what it is for, in both bodies.
        var mail = await app.MailToAsync("vera@example.test", "Inbjudan:");
        var html = new HtmlParser().ParseDocument(mail.HtmlBody!);
        var link = html.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Single(h => h.Contains("/w/", StringComparison.Ordinal));
        Assert.StartsWith(app.BaseUrl + "/w/", link);
        Assert.Contains(link, mail.TextBody);
        Assert.Contains("utan konto", mail.TextBody);

        // On the walk, on the phone, without an account.
        await using var phoneContext = await chromium.NewContextAsync(Phone);
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync(link, Commit);
        await phone.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Trygghetsvandring Replösa");
        await phone.Locator("label[for=category-Lighting]").TapAsync();
        await phone.FillAsync("#Description", "Mörkt i gångtunneln, två lampor trasiga");
        await phone.FillAsync("#Place", "Gångtunneln under Replösavägen");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Spara iakttagelsen" }).TapAsync();
        await Expect(phone.Locator("#queue-status")).ToHaveTextAsync("Iakttagelsen är skickad.");
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "The recorder scrolls sideways.");

        // The organiser sees it on the walk page, and can open the recorder for themselves from there.
        await organiser.GotoAsync(app.Url($"/walks/{app.WalkId}"));
        await Expect(organiser.Locator("main")).ToContainTextAsync("Mörkt i gångtunneln, två lampor trasiga");
        await organiser.GetByRole(AriaRole.Link, new() { Name = "Öppna registreringen" }).ClickAsync();
        await organiser.WaitForURLAsync(app.Url($"/walks/{app.WalkId}/organiser-record"), new() { WaitUntil = WaitUntilState.Commit });
        await Expect(organiser.GetByRole(AriaRole.Button, new() { Name = "Spara iakttagelsen" })).ToBeVisibleAsync();
    }
}
