using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Users;

/// <summary>What every user does with their own account: change the password, sign in with a recovery code.</summary>
public sealed class OwnAccountTests
{
    private static async Task<(string Id, List<string> Codes)> WithTwoFactorAsync(AppFactory app, string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (user.Id, (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList());
    }

    private static async Task<HttpResponseMessage> RecoveryAsync(AppFactory app, HttpClient client, string code)
    {
        var first = await client.PostFormAsync("/account/login", new() { ["Email"] = AppFactory.AdminEmail, ["Password"] = AppFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/account/login/two-factor", first.Headers.Location!.OriginalString);
        return await client.PostFormAsync("/account/login/two-factor",
            new() { ["Code"] = code, ["IsRecoveryCode"] = "true", ["RememberMe"] = "false" }, "/account/login/two-factor?recovery=true");
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ARecoveryCode_SignsInOnce_AndTheSecondTryIsRefusedAndLogged(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var (id, codes) = await WithTwoFactorAsync(app, AppFactory.AdminEmail);

        var used = await RecoveryAsync(app, app.CreateBrowser(), " " + codes[0] + " ");
        var again = await RecoveryAsync(app, app.CreateBrowser(), codes[0]);

        Assert.Equal((HttpStatusCode.Redirect, "/"), (used.StatusCode, used.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Reservkoden stämmer inte eller är redan använd.", (await again.ReadDocumentAsync()).QuerySelector("#Code-error")!.TextContent);
        await using var db = app.CreateDbContext();
        var actions = await db.AuditEntries.Where(a => a.EntityId == id).Select(a => a.Action).ToListAsync();
        Assert.Contains(AuditAction.SignedIn, actions);
        Assert.Contains(AuditAction.TwoFactorFailed, actions);
    }

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ChangingThePassword_NeedsTheCurrentOne_AndTheOldOneStopsWorking(string provider)
    {
        await using var app = await AppFactory.StartAsync(provider);
        var admin = await app.SignInAsync(AppFactory.AdminEmail, AppFactory.AdminPassword);
        Dictionary<string, string> Change(string current) =>
            new() { ["CurrentPassword"] = current, ["NewPassword"] = "Helt-nytt-losenord-3", ["ConfirmPassword"] = "Helt-nytt-losenord-3" };

        var wrong = await admin.PostFormAsync("/account/password", Change("inte-det-gamla"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("Det nuvarande lösenordet stämmer inte.", (await wrong.ReadDocumentAsync()).QuerySelector("#CurrentPassword-error")!.TextContent);

        var changed = await admin.PostFormAsync("/account/password", Change(AppFactory.AdminPassword));
        Assert.Equal((HttpStatusCode.Redirect, "/account/two-factor"), (changed.StatusCode, changed.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/users")).StatusCode); // this session goes on
        await app.SignInAsync(AppFactory.AdminEmail, "Helt-nytt-losenord-3");
        var old = await app.CreateBrowser().PostFormAsync("/account/login", new() { ["Email"] = AppFactory.AdminEmail, ["Password"] = AppFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.PasswordChanged && a.UserId == a.EntityId));
    }
}
