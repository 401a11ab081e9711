using System.Text.RegularExpressions;
using DialogPlanner.BrowserTests.Infrastructure;
using DialogPlanner.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace DialogPlanner.BrowserTests.Users;

/// <summary>
/// An organiser's way in, as people get it: invited by an administrator on the users page, the link in the mail (read at
/// the SMTP server) sets the password, the first sign-in demands two-factor enrolment (QR code and key), and from then
/// on signing in asks for the app's code, which this test computes as an authenticator app would.
/// </summary>
public sealed partial class InvitedOrganiserTests(MailedAccountApp app, Chromium chromium) : IClassFixture<MailedAccountApp>, IClassFixture<Chromium>
{
    private const string Email = "anna.ek@ljungby.example";
    private const string Password = "Annas-eget-losenord-7";

    [Fact]
    public async Task InvitedOrganiser_SetsAPassword_EnrolsInTwoFactor_AndSignsInWithTheAppsCode()
    {
        await using (var admin = await chromium.NewAdminContextAsync(app))
        {
            var page = await admin.NewPageAsync();
            await page.GotoAsync(app.Url("/users"));
            await page.GetByRole(AriaRole.Link, new() { Name = "Bjud in användare" }).ClickAsync();
            await page.GetByLabel("E-post").FillAsync(Email);
            await page.GetByLabel("Namn").FillAsync("Anna Ek");
            await page.GetByLabel("Samordnare").CheckAsync();
            await page.GetByLabel("Ljungby").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Skicka inbjudan" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"En inbjudan har skickats till {Email}.");
            await Expect(page.GetByRole(AriaRole.Row, new() { Name = Email })).ToContainTextAsync("Inbjuden, inget lösenord än");
        }

        var invitation = await app.MailToAsync(Email, "Du är inbjuden till DialogPlanner");
        var link = LinkIn(invitation.TextBody!, "/account/set-password");
        Assert.StartsWith(app.BaseUrl, link);

        await using var context = await chromium.NewContextAsync();
        var anna = await context.NewPageAsync();
        await anna.GotoAsync(link);
        await Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Välj ditt lösenord");
        await Axe.AssertNoViolationsAsync(anna);
        await anna.GetByLabel("Nytt lösenord").FillAsync(Password);
        await anna.GetByLabel("Samma lösenord igen").FillAsync(Password);
        await anna.GetByRole(AriaRole.Button, new() { Name = "Spara lösenordet" }).ClickAsync();
        await anna.WaitForURLAsync(app.Url("/account/login"));
        await Expect(anna.GetByRole(AriaRole.Status)).ToHaveTextAsync("Ditt lösenord är sparat. Logga in med det.");

        // First sign-in: the role requires a second factor, so enrolment comes before anything else.
        await SignInWithPasswordAsync(anna);
        await anna.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/two-factor");
        await Expect(anna.GetByRole(AriaRole.Alert)).ToContainTextAsync("Din roll kräver tvåstegsinloggning");
        var qr = anna.GetByRole(AriaRole.Img, new() { Name = "QR-kod med nyckeln för autentiseringsappen" });
        await Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"), "The QR code image did not load.");
        var key = Base32Encoding.ToBytes((await anna.Locator("#shared-key").TextContentAsync())!.Replace(" ", "").ToUpperInvariant());
        var totp = new Totp(key);
        await Axe.AssertNoViolationsAsync(anna);
        await anna.GotoAsync(app.Url("/events"));
        Assert.Equal("/account/two-factor", anna.Path()); // nothing else before enrolling

        await anna.GetByLabel("Kod från appen").FillAsync(WrongCode(totp));
        await anna.GetByRole(AriaRole.Button, new() { Name = "Slå på" }).ClickAsync();
        await Expect(anna.Locator("#Code-error")).ToHaveTextAsync("Koden stämmer inte. Skriv den kod appen visar nu.");
        await anna.GetByLabel("Kod från appen").FillAsync(totp.ComputeTotp());
        await anna.GetByRole(AriaRole.Button, new() { Name = "Slå på" }).ClickAsync();
        await Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dina reservkoder");
        await Expect(anna.Locator(".recovery-codes li")).ToHaveCountAsync(10);
        await Axe.AssertNoViolationsAsync(anna);
        await anna.GotoAsync(app.Url("/events"));
        await Expect(anna.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Händelser");
        await anna.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
        await anna.WaitForURLAsync(app.Url("/"));

        // Signing in from now on: the password, then the app's code; a wrong code is refused.
        await SignInWithPasswordAsync(anna);
        await anna.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/login/two-factor");
        await anna.GetByLabel("Kod från appen").FillAsync(WrongCode(totp));
        await anna.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await Expect(anna.Locator("#Code-error")).ToHaveTextAsync("Koden stämmer inte. Skriv den kod appen visar nu.");
        Assert.Equal("/account/login/two-factor", anna.Path());
        await Axe.AssertNoViolationsAsync(anna);
        await anna.GetByLabel("Kod från appen").FillAsync(totp.ComputeTotp());
        await anna.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await anna.WaitForURLAsync(app.Url("/"));
        await Expect(anna.GetByRole(AriaRole.Link, new() { Name = "Mitt konto" })).ToBeVisibleAsync();

        await using var db = app.Factory.CreateDbContext();
        var id = await db.Users.Where(u => u.Email == Email).Select(u => u.Id).SingleAsync();
        var actions = await db.AuditEntries.Where(a => a.EntityId == id).Select(a => a.Action).ToListAsync();
        Assert.Contains(AuditAction.Invited, actions);
        Assert.Contains(AuditAction.PasswordSet, actions);
        Assert.Contains(AuditAction.TwoFactorEnabled, actions);
        Assert.Contains(AuditAction.TwoFactorFailed, actions);
        Assert.Contains(AuditAction.SignedIn, actions);
    }

    [Fact]
    public async Task ForgotPassword_MailsARealAccount_AndAnswersAnUnknownAddressTheSame()
    {
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        var unknown = await AskForANewPasswordAsync(page, "ingen.alls@ljungby.example");
        var known = await AskForANewPasswordAsync(page, Tests.Infrastructure.AppFactory.AdminEmail);

        Assert.Equal(unknown, known);
        var mail = await app.MailToAsync(Tests.Infrastructure.AppFactory.AdminEmail, "Nytt lösenord till DialogPlanner");
        Assert.StartsWith(app.Url("/account/reset-password?"), LinkIn(mail.TextBody!, "/account/reset-password"));
        // Requests are handled in order: once the account's mail is here, the unknown address has been handled, with no mail.
        Assert.DoesNotContain(app.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == "ingen.alls@ljungby.example"));
    }

    private async Task<string> AskForANewPasswordAsync(IPage page, string email)
    {
        await page.GotoAsync(app.Url("/account/login"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Glömt lösenordet?" }).ClickAsync();
        await page.GetByLabel("E-post").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka länk" }).ClickAsync();
        await page.WaitForURLAsync(app.Url("/account/forgot-password/sent"));
        return await page.Locator("main").InnerTextAsync();
    }

    private async Task SignInWithPasswordAsync(IPage page)
    {
        await page.GotoAsync(app.Url("/account/login"));
        await page.FillAsync("#Email", Email);
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("main button[type=submit]");
    }

    /// <summary>A six-digit code that is none of those the app would accept around now.</summary>
    private static string WrongCode(Totp totp)
    {
        var now = DateTime.UtcNow;
        var valid = new[] { -60, -30, 0, 30, 60 }.Select(s => totp.ComputeTotp(now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => $"{i}{i}{i}{i}{i}{i}").First(c => !valid.Contains(c));
    }

    private static string LinkIn(string text, string path)
    {
        var match = Regex.Match(text, @"https?://\S+" + Regex.Escape(path) + @"\?\S+");
        Assert.True(match.Success, $"No {path} link in: {text}");
        return match.Value;
    }
}
