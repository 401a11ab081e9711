using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Features.Audit;

/// <summary>
/// Identity's sign-in, with every outcome in the audit log: success, failure, lockout and a refused second factor.
/// The entry names the account by id; an attempt for an unknown address is logged without the address.
/// </summary>
public sealed class AuditedSignInManager(
    UserManager<AppUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation, AppDbContext db, TimeProvider clock)
    : SignInManager<AppUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user) return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        await RecordAsync(AuditAction.SignInFailed, userId: null);
        return SignInResult.Failed;
    }

    public override async Task<SignInResult> PasswordSignInAsync(AppUser user, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var result = await base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        // Needing a second factor is not yet a sign-in: the second step records the outcome.
        if (!result.RequiresTwoFactor) await RecordAsync(Outcome(result, AuditAction.SignInFailed), user.Id);
        return result;
    }

    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient);
        if (user is not null) await RecordAsync(Outcome(result, AuditAction.TwoFactorFailed), user.Id);
        return result;
    }

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var user = await GetTwoFactorAuthenticationUserAsync();
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (user is not null) await RecordAsync(Outcome(result, AuditAction.TwoFactorFailed), user.Id);
        return result;
    }

    /// <summary>A turned-off account cannot sign in, whatever its password.</summary>
    public override async Task<bool> CanSignInAsync(AppUser user) => !user.IsDisabled && await base.CanSignInAsync(user);

    /// <summary>The periodic check of a session's cookie: a turned-off account's sessions end here too.</summary>
    public override async Task<AppUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: true } ? null : user;
    }

    private static AuditAction Outcome(SignInResult result, AuditAction failure) =>
        result.Succeeded ? AuditAction.SignedIn : result.IsLockedOut ? AuditAction.LockedOut : failure;

    private Task RecordAsync(AuditAction action, string? userId) =>
        AuditLog.RecordAsync(db, Context, clock, action, "User", userId ?? "-", userId: userId);
}
