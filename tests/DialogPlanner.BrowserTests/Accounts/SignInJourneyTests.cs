using DialogPlanner.BrowserTests.Infrastructure;
using DialogPlanner.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DialogPlanner.BrowserTests.Accounts;

/// <summary>An organiser's first minutes, with the keyboard only: sign in, add an organisation, fix a mistake, sign out.</summary>
public sealed class SignInJourneyTests(TwoMunicipalitiesApp app, Chromium chromium) : IClassFixture<TwoMunicipalitiesApp>, IClassFixture<Chromium>
{
    [Fact]
    public async Task SignIn_CreateAnOrganisation_FixAnInvalidAddress_AndSignOut_WithTheKeyboard()
    {
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.Url("/organisations"));
        Assert.Equal("/account/login", page.Path());
        Assert.Contains("ReturnUrl=%2Forganisations", page.Url);

        await page.FocusAsync("#Email");
        await page.Keyboard.TypeAsync(AppFactory.AdminEmail);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Password", await page.FocusedAsync());
        await page.Keyboard.TypeAsync(AppFactory.AdminPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(app.Url("/organisations"));

        await page.TabToAsync("a:Ny organisation");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(app.Url("/organisations/new"));

        // Every field and the button, in reading order, each reached with one Tab.
        await page.TabToAsync("MunicipalityId");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Name", await page.FocusedAsync());
        await page.Keyboard.TypeAsync("Polisen i Ljungby");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Kind", await page.FocusedAsync());
        await page.Keyboard.TypeAsync("Polis"); // a closed select picks the option one types
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Email", await page.FocusedAsync());
        await page.Keyboard.TypeAsync("polisen.ljungby.example");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Phone", await page.FocusedAsync());
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("button:Spara", await page.FocusedAsync());
        await page.Keyboard.PressAsync("Enter");

        var email = page.Locator("#Email");
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(email).ToHaveAttributeAsync("aria-describedby", "Email-error");
        var message = page.Locator("#Email-error");
        await Expect(message).ToContainTextAsync("är inte en giltig e-postadress");
        var fieldBox = await email.BoundingBoxAsync();
        var messageBox = await message.BoundingBoxAsync();
        Assert.InRange(messageBox!.Y - (fieldBox!.Y + fieldBox.Height), 0, 16); // right under the field, not in a summary far away
        await Expect(email).ToBeFocusedAsync();
        await Expect(page.Locator("#Name")).ToHaveValueAsync("Polisen i Ljungby");
        await Expect(page.Locator("#Kind")).ToHaveValueAsync("Police");

        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("ljungby@polisen.example");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(app.Url("/organisations"));
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Organisationen Polisen i Ljungby har sparats.");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Polisen i Ljungby" })).ToContainTextAsync("ljungby@polisen.example");

        await page.TabToAsync("button:Logga ut");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(app.Url("/"));
        await Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Logga in" })).ToBeVisibleAsync();
        await page.GotoAsync(app.Url("/organisations"));
        Assert.Equal("/account/login", page.Path());
    }
}
