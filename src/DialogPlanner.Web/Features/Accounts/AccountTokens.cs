using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Features.Accounts;

/// <summary>
/// Identity's data-protection tokens, one provider per purpose so each has its own lifetime: the link in an
/// invitation lives <c>Accounts:InvitationDays</c>, the one in a reset mail <c>Accounts:PasswordResetHours</c>.
/// Both carry the user's security stamp, so a link stops working once a password is set with it (or a newer
/// invitation was sent).
/// </summary>
public static class AccountTokens
{
    public const string Invitation = nameof(Invitation);
    public const string PasswordReset = nameof(PasswordReset);
    /// <summary>The purpose an invitation token is made for.</summary>
    public const string SetPasswordPurpose = "SetPassword";
}

public sealed class InvitationTokenOptions : DataProtectionTokenProviderOptions;

public sealed class PasswordResetTokenOptions : DataProtectionTokenProviderOptions;

public sealed class InvitationTokenProvider(
    IDataProtectionProvider protection, IOptions<InvitationTokenOptions> options, ILogger<DataProtectorTokenProvider<AppUser>> log)
    : DataProtectorTokenProvider<AppUser>(protection, options, log);

public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider protection, IOptions<PasswordResetTokenOptions> options, ILogger<DataProtectorTokenProvider<AppUser>> log)
    : DataProtectorTokenProvider<AppUser>(protection, options, log);
