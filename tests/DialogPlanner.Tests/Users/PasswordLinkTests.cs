using System.Net;
using System.Text.RegularExpressions;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Mail;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace DialogPlanner.Tests.Users;

/// <summary>
/// The links that reach people by mail, read at a real SMTP server and followed as a recipient would: the invitation's
/// set-password link and the forgotten-password link. Each works once; a newer invitation retires the older link.
/// </summary>
public sealed partial class PasswordLinkTests
{
    private static async Task<(TestSmtpServer Smtp, AppFactory App)> StartAsync(string provider)
    {
        var smtp = await TestSmtpServer.StartAsync();
        return (smtp, await AppFactory.StartAsync(provider, OutboxTestKit.Smtp(smtp.Port)));
    }

    private static Task<MimeMessage> MailToAsync(TestSmtpServer smtp, string address, int nth = 1) =>
        Eventually.UntilAsync(
            () => Task.FromResult(smtp.Received.Where(m => m.To.Mailboxes.Any(b => b.Address == address)).ToList()),
            list => list.Count >= nth, $"mail number {nth} to {address}").ContinueWith(t => t.Result[nth - 1]);

    /// <summary>The link in the plain-text body, as the path and query a browser would ask this app for.</summary>
    private static string LinkIn(MimeMessage mail, string path)
    {
        var match = Regex.Match(mail.TextBody ?? "", @"https?://\S+" + Regex.Escape(path) + @"\?\S+");
        Assert.True(match.Success, $"No {path} link in: {mail.TextBody}");
        Assert.Contains(match.Value, (mail.HtmlBody ?? "").Replace("&amp;", "&"));
        return new Uri(match.Value).PathAndQuery;
    }

    private static async Task<HttpResponseMessage> ChoosePasswordAsync(HttpClient client, string link, string password)
    {
        var page = await client.GetDocumentAsync(link);
        var fields = page.FormFields("main form").With("Password", password).With("ConfirmPassword", password);
        return await client.PostAsync(link.Split('?')[0], new FormUrlEncodedContent(fields));
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Invitation_FromTheUsersPage_ArrivesWithALink_ThatSetsThePasswordOnce(string provider)
    {
        var (smtp, app) = await StartAsync(provider);
        await using var _ = smtp;
        await using var __ = app;
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var invited = await admin.PostFormAsync("/users/invite", new()
        {
            ["Email"] = "anna@ljungby.example", ["DisplayName"] = "Anna Ek", ["Roles"] = Roles.Organiser, ["MunicipalityIds"] = ljungby.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var mail = await MailToAsync(smtp, "anna@ljungby.example");
        Assert.Equal("Du är inbjuden till DialogPlanner", mail.Subject);
        Assert.Contains("Samordnare", mail.TextBody);
        var link = LinkIn(mail, "/account/set-password");

        // An account is not one municipality's: the mail links the app's privacy page, which leads to each municipality's notice.
        var privacy = Regex.Match(mail.TextBody!, @"Så behandlas dina personuppgifter: (\S+)").Groups[1].Value;
        Assert.Contains($"href=\"{privacy}\"", mail.HtmlBody);
        var visitor = app.CreateBrowser();
        var notices = await visitor.GetDocumentAsync(new Uri(privacy).PathAndQuery);
        Assert.Equal("/personuppgifter", new Uri(privacy).AbsolutePath);
        Assert.Equal([$"/kommun/{ljungby.Slug}/personuppgifter"], notices.QuerySelectorAll("main li a").Select(a => a.GetAttribute("href")));

        var set = await ChoosePasswordAsync(visitor, link, "Annas-losenord-1");
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/login", set.Headers.Location!.OriginalString);
        await app.SignInAsync("anna@ljungby.example", "Annas-losenord-1");

        var again = await visitor.GetDocumentAsync(link);
        Assert.Equal("Länken fungerar inte längre", again.QuerySelector("h1")!.TextContent);
        await using var db = app.CreateDbContext();
        var anna = await db.Users.SingleAsync(u => u.Email == "anna@ljungby.example");
        var actions = await db.AuditEntries.Where(a => a.EntityId == anna.Id).Select(a => a.Action).ToListAsync();
        Assert.Contains(AuditAction.Invited, actions);
        Assert.Contains(AuditAction.PasswordSet, actions);
        Assert.Contains(AuditAction.SignedIn, actions);
        Assert.True(anna.EmailConfirmed);
    }

    [Fact]
    public async Task ANewInvitation_RetiresTheLinkOfTheOldOne_AndABadPasswordIsExplained()
    {
        var (smtp, app) = await StartAsync("Sqlite");
        await using var _ = smtp;
        await using var __ = app;
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        await admin.PostFormAsync("/users/invite", new() { ["Email"] = "berit@ljungby.example", ["Roles"] = Roles.Participant, ["MunicipalityIds"] = ljungby.Id.ToString() });
        var first = LinkIn(await MailToAsync(smtp, "berit@ljungby.example"), "/account/set-password");
        string id;
        await using (var db = app.CreateDbContext()) id = await db.Users.Where(u => u.Email == "berit@ljungby.example").Select(u => u.Id).SingleAsync();

        var resent = await UserAccessTests.PostAsync(admin, $"/users/{id}/resend", $"/users/{id}");
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var second = LinkIn(await MailToAsync(smtp, "berit@ljungby.example", 2), "/account/set-password");

        var visitor = app.CreateBrowser();
        Assert.Equal("Länken fungerar inte längre", (await visitor.GetDocumentAsync(first)).QuerySelector("h1")!.TextContent);
        var tooShort = await ChoosePasswordAsync(visitor, second, "kort");
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("Lösenordet måste ha minst 10 tecken.", (await tooShort.ReadDocumentAsync()).QuerySelector("#Password-error")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await ChoosePasswordAsync(visitor, second, "Berits-losenord-1")).StatusCode);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ForgotPassword_AnswersTheSameForAnyAddress_MailsOnlyAnAccount_AndItsLinkWorksOnce(string provider)
    {
        var (smtp, app) = await StartAsync(provider);
        await using var _ = smtp;
        await using var __ = app;
        var visitor = app.CreateBrowser();

        var unknown = await visitor.PostFormAsync("/account/forgot-password", new() { ["Email"] = "ingen@ljungby.example" });
        var known = await visitor.PostFormAsync("/account/forgot-password", new() { ["Email"] = AppFactory.AdminEmail.ToUpperInvariant() });

        Assert.Equal((HttpStatusCode.Redirect, "/account/forgot-password/sent"), (unknown.StatusCode, unknown.Headers.Location!.OriginalString));
        Assert.Equal((HttpStatusCode.Redirect, "/account/forgot-password/sent"), (known.StatusCode, known.Headers.Location!.OriginalString));
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        var mail = await MailToAsync(smtp, AppFactory.AdminEmail);
        // Handled in order: once the account's mail is there, the unknown address was handled and sent nothing.
        Assert.Single(smtp.Received);
        Assert.Equal("Nytt lösenord till DialogPlanner", mail.Subject);
        var link = LinkIn(mail, "/account/reset-password");

        Assert.Equal(HttpStatusCode.Redirect, (await ChoosePasswordAsync(visitor, link, "Nytt-losenord-2")).StatusCode);
        await app.SignInAsync(AppFactory.AdminEmail, "Nytt-losenord-2");
        var old = await app.CreateBrowser().PostFormAsync("/account/login", new() { ["Email"] = AppFactory.AdminEmail, ["Password"] = AppFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal("Länken fungerar inte längre", (await visitor.GetDocumentAsync(link)).QuerySelector("h1")!.TextContent);
        await using var db = app.CreateDbContext();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == AuditAction.PasswordReset));
    }

    [Fact]
    public async Task RequiredTwoFactor_SendsTheRoleToEnrolFirst_WithAKeyAndAQrImage()
    {
        await using var app = await AppFactory.StartAsync("Sqlite", new Dictionary<string, string?> { ["Security:RequireTwoFactor"] = "Organiser" });
        var ljungby = await app.AddMunicipalityAsync("Ljungby");
        await app.AddUserAsync("org@ljungby.example", Roles.Organiser, ljungby.Id);
        var organiser = await app.SignInAsync("org@ljungby.example", TestData.Password);
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);

        var events = await organiser.GetAsync("/events");
        Assert.Equal(HttpStatusCode.Redirect, events.StatusCode);
        Assert.Equal("/account/two-factor?required=True", events.Headers.Location!.OriginalString);
        var enrol = await organiser.GetDocumentAsync("/account/two-factor?required=True");
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", enrol.QuerySelector("#shared-key")!.TextContent);
        var qr = await organiser.GetAsync(enrol.QuerySelector("img.qr")!.GetAttribute("src")!);
        Assert.Equal("image/png", qr.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await qr.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync("/account/password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/events")).StatusCode);
    }
}
