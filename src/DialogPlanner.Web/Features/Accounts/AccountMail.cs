using DialogPlanner.Web.Mail;
using Microsoft.AspNetCore.Identity;

namespace DialogPlanner.Web.Features.Accounts;

/// <summary>
/// The mails about an account: the invitation to choose a password (from an administrator or organiser) and the
/// link for a forgotten password. Each carries a link with an Identity token of its own lifetime; the caller saves.
/// </summary>
public sealed class AccountMail(UserManager<AppUser> users, EmailTemplates templates, Outbox outbox, Links links, AccountSettings settings, TimeProvider clock)
{
    public const string Invitation = "user-invitation";
    public const string PasswordReset = "password-reset";

    /// <summary>
    /// A new security stamp first, so that links of earlier invitations stop working, then the mail with a fresh link.
    /// Saves the user (the stamp and <see cref="AppUser.InvitedAtUtc"/>) and queues the mail; the caller's SaveChanges sends it.
    /// </summary>
    public async Task QueueInvitationAsync(AppUser user, string invitedBy, IEnumerable<string> roleNames, MailLanguage language)
    {
        user.InvitedAtUtc = clock.GetUtcNow().UtcDateTime;
        await users.UpdateSecurityStampAsync(user);
        var token = await users.GenerateUserTokenAsync(user, AccountTokens.Invitation, AccountTokens.SetPasswordPurpose);
        var validUntil = StockholmTime.FromUtc(user.InvitedAtUtc.Value.AddDays(settings.InvitationDays));
        var model = new UserInvitationEmailModel(
            RecipientName: user.DisplayName ?? "", Email: user.Email!, InvitedBy: invitedBy,
            Roles: string.Join(", ", roleNames.Select(r => language[RoleTexts.Of(r)].Value)),
            SetPasswordUrl: links.SetPassword(user.Id, token), ValidUntil: language.Date(validUntil), SignInUrl: links.SignIn(), PrivacyUrl: links.Privacy());
        outbox.Enqueue(templates.Render(language, Invitation, model).Message(user.Email!, user.DisplayName), Invitation);
    }

    /// <summary>Queues the reset link for a user who asked for it; the caller saves.</summary>
    public async Task QueuePasswordResetAsync(AppUser user, MailLanguage language)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var model = new PasswordResetEmailModel(
            RecipientName: user.DisplayName ?? "", Email: user.Email!, ResetUrl: links.ResetPassword(user.Id, token),
            ValidHours: settings.PasswordResetHours, PrivacyUrl: links.Privacy());
        outbox.Enqueue(templates.Render(language, PasswordReset, model).Message(user.Email!, user.DisplayName), PasswordReset);
    }
}

/// <summary>What the user-invitation templates show; templates/email/README.md lists it.</summary>
public sealed record UserInvitationEmailModel(
    string RecipientName, string Email, string InvitedBy, string Roles, string SetPasswordUrl, string ValidUntil, string SignInUrl, string PrivacyUrl) : IEmailModel;

/// <summary>What the password-reset templates show; templates/email/README.md lists it.</summary>
public sealed record PasswordResetEmailModel(string RecipientName, string Email, string ResetUrl, int ValidHours, string PrivacyUrl) : IEmailModel;
