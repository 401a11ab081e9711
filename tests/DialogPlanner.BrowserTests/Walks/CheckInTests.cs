using DialogPlanner.BrowserTests.Infrastructure;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Walks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DialogPlanner.BrowserTests.Walks;

/// <summary>
/// A resident joins the walk on the spot: the organiser's printed walk sheet gives the check-in address beside its
/// QR code; the resident checks in on their phone with an e-mail address, records, and later gets the feedback mail.
/// </summary>
public sealed class CheckInTests(WalkMailApp app, Chromium chromium) : IClassFixture<WalkMailApp>, IClassFixture<Chromium>
{
    private static readonly BrowserNewContextOptions Phone = new()
    {
        ViewportSize = new() { Width = 390, Height = 844 }, DeviceScaleFactor = 3, IsMobile = true, HasTouch = true, Locale = "sv-SE",
    };

    [Fact]
    public async Task ADropIn_ChecksInFromTheWalkSheet_Records_AndGetsTheFeedbackMail()
    {
        await using var organiserContext = await chromium.NewContextAsync();
        var organiser = await organiserContext.NewPageAsync();
        await organiser.SignInAsync(app, WalkMailApp.OrganiserEmail, TestData.Password);
        await organiser.GotoAsync(app.Url($"/walks/{app.WalkId}"));
        await organiser.GetByRole(AriaRole.Link, new() { Name = "Vandringsblad för utskrift" }).ClickAsync();
        await organiser.WaitForURLAsync(app.Url($"/walks/{app.WalkId}/sheet"), new() { WaitUntil = WaitUntilState.Commit });

        // The sheet: meeting point, route, a QR code the browser can show (served by the app: the CSP holds), the address beside it.
        var sheet = organiser.Locator("article.walk-sheet");
        await Expect(sheet).ToContainTextAsync("Replösa skola");
        await Expect(sheet.Locator("ol.stops li")).ToHaveCountAsync(2);
        var qr = sheet.Locator("img.qr");
        await Expect(qr).ToHaveAttributeAsync("alt", new System.Text.RegularExpressions.Regex("QR-kod till incheckningen"));
        Assert.True(await qr.EvaluateAsync<int>("i => i.complete ? i.naturalWidth : new Promise(done => i.onload = () => done(i.naturalWidth))") > 100);
        var url = (await sheet.Locator("#check-in-url").TextContentAsync())!.Trim();
        var code = (await sheet.Locator("#check-in-code").TextContentAsync())!.Trim();
        Assert.Equal(app.Url($"/in/{code}"), url);

        // On the phone: check in as a private person with an address, then straight into the recorder.
        await using var phoneContext = await chromium.NewContextAsync(Phone);
        var phone = await phoneContext.NewPageAsync();
        await phone.GotoAsync(url);
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Trygghetsvandring Replösa");
        await Axe.AssertNoViolationsAsync(phone);
        // Sent empty: the form says what is missing, in Swedish, and stays accessible.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Checka in" }).TapAsync();
        await Expect(phone.Locator("#Name-error")).ToBeVisibleAsync();
        await Expect(phone.Locator("#Name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Axe.AssertNoViolationsAsync(phone);
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390, "The check-in page scrolls sideways.");
        await phone.FillAsync("#Name", "Dora Dropin");
        await phone.FillAsync("#Email", "dora@example.test");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Checka in" }).TapAsync();
        await phone.WaitForURLAsync(u => new Uri(u).AbsolutePath.StartsWith("/w/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await phone.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        await Expect(phone.Locator("main")).ToContainTextAsync("Välkommen, Dora Dropin!");
        await phone.Locator("label[for=category-Vegetation]").TapAsync();
        await phone.FillAsync("#Description", "Häcken skymmer övergångsstället");
        await phone.FillAsync("#Place", "Övergångsstället vid skolan");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Spara iakttagelsen" }).TapAsync();
        await Expect(phone.Locator("#queue-status")).ToHaveTextAsync("Iakttagelsen är skickad.");

        // Later: the organiser publishes the protocol and sends the feedback; the drop-in is one of the participants.
        await organiser.GotoAsync(app.Url($"/walks/{app.WalkId}"));
        await Expect(organiser.Locator("#check-in")).ToContainTextAsync("1 har checkat in.");
        await Expect(organiser.Locator("main")).ToContainTextAsync("Häcken skymmer övergångsstället");
        // Nothing unreviewed goes public: the organiser approves the drop-in's finding first.
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Godkänn: Häcken skymmer övergångsstället" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Button, new() { Name = "Godkänn: Häcken skymmer övergångsstället" })).ToHaveCountAsync(0);
        await organiser.GotoAsync(app.Url($"/walks/{app.WalkId}/protocol"));
        await Expect(organiser.Locator("main")).ToContainTextAsync("Privatpersoner");
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Publicera protokollet" }).ClickAsync();
        await Expect(organiser.GetByRole(AriaRole.Button, new() { Name = "Avpublicera protokollet" })).ToBeVisibleAsync();
        await organiser.GotoAsync(app.Url($"/walks/{app.WalkId}#feedback"));
        await organiser.GetByRole(AriaRole.Button, new() { Name = "Skicka återkoppling nu" }).ClickAsync();
        var feedback = await app.MailToAsync("dora@example.test", "Återkoppling: Trygghetsvandring Replösa");
        Assert.Contains("Häcken skymmer övergångsstället", feedback.TextBody);

        await using var db = app.Factory.CreateDbContext();
        var invitation = await db.Invitations.AsNoTracking().SingleAsync(i => i.Email == "dora@example.test");
        Assert.NotNull(invitation.CheckedInAtUtc);
        Assert.Equal((Web.Features.Invitations.RsvpStatus.Accepted, null, -1), (invitation.Rsvp, invitation.Organisation, invitation.SentSequence));
        Assert.Equal(invitation.Id, (await db.Findings.AsNoTracking().SingleAsync(f => f.Description == "Häcken skymmer övergångsstället")).ReportedByInvitationId);
        Assert.Equal(CheckInCodes.Length, code.Length);
    }
}
