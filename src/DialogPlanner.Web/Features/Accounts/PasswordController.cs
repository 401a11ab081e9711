using System.Globalization;
using DialogPlanner.Web.Data;
using DialogPlanner.Web.Features.Audit;
using DialogPlanner.Web.Mail;
using DialogPlanner.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Accounts;

/// <summary>
/// Passwords: chosen from an invitation's link, reset from a mailed link when forgotten, changed by a signed-in user.
/// Each of these changes the security stamp, so other sessions of the account end and older links stop working.
/// </summary>
[Route("account"), AllowedBeforeTwoFactor]
public sealed class PasswordController(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, PasswordResetQueue resets, AppDbContext db, TimeProvider clock,
    IValidator<ForgotPasswordForm> forgotValidator, IValidator<NewPasswordForm> newValidator, IValidator<ChangePasswordForm> changeValidator,
    IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("forgot-password"), AllowAnonymous]
    public IActionResult Forgot() => View(new ForgotPasswordForm());

    /// <summary>The same answer, as fast, for every well-formed address: the work is done by <see cref="PasswordResetQueue"/>.</summary>
    [RateLimited(RateLimits.PasswordReset)]
    [HttpPost("forgot-password"), AllowAnonymous]
    public async Task<IActionResult> Forgot(ForgotPasswordForm form)
    {
        if (!await forgotValidator.ValidateIntoAsync(form, ModelState)) return View(form);
        resets.Enqueue(form.Email, MailLanguage.Of(CultureInfo.CurrentUICulture.Name));
        return RedirectToAction(nameof(ForgotSent));
    }

    [HttpGet("forgot-password/sent"), AllowAnonymous]
    public IActionResult ForgotSent() => View();

    [HttpGet("reset-password"), AllowAnonymous]
    public async Task<IActionResult> Reset(string? user, string? token)
    {
        var found = await UserOfLinkAsync(user, token, AccountTokens.PasswordReset, UserManager<AppUser>.ResetPasswordTokenPurpose);
        return found is null ? View("LinkExpired", false) : View("NewPassword", NewPasswordForm.For(found, token!, invitation: false));
    }

    [HttpPost("reset-password"), AllowAnonymous]
    public async Task<IActionResult> Reset(NewPasswordForm form)
    {
        var found = await UserOfLinkAsync(form.User, form.Token, AccountTokens.PasswordReset, UserManager<AppUser>.ResetPasswordTokenPurpose);
        if (found is null) return View("LinkExpired", false);
        form.Email = found.Email!;
        if (!await newValidator.ValidateIntoAsync(form, ModelState)) return View("NewPassword", form);
        var result = await users.ResetPasswordAsync(found, form.Token, form.Password);
        if (!AddErrors(result)) return View("NewPassword", form);
        await users.ResetAccessFailedCountAsync(found);
        await AuditLog.RecordAsync(db, HttpContext, clock, AuditAction.PasswordReset, "User", found.Id, userId: found.Id,
            details: new Dictionary<string, string?> { ["Step"] = "Done" });
        TempData["Message"] = t["Ditt nya lösenord är sparat. Logga in med det."].Value;
        return RedirectToAction("Login", "Account");
    }

    [HttpGet("set-password"), AllowAnonymous]
    public async Task<IActionResult> Set(string? user, string? token)
    {
        var found = await UserOfLinkAsync(user, token, AccountTokens.Invitation, AccountTokens.SetPasswordPurpose);
        return found is null || found.PasswordHash is not null ? View("LinkExpired", true) : View("NewPassword", NewPasswordForm.For(found, token!, invitation: true));
    }

    [HttpPost("set-password"), AllowAnonymous]
    public async Task<IActionResult> Set(NewPasswordForm form)
    {
        var found = await UserOfLinkAsync(form.User, form.Token, AccountTokens.Invitation, AccountTokens.SetPasswordPurpose);
        if (found is null || found.PasswordHash is not null) return View("LinkExpired", true);
        form.Email = found.Email!;
        form.Invitation = true;
        if (!await newValidator.ValidateIntoAsync(form, ModelState)) return View("NewPassword", form);
        // The address got the mail with the link: that confirms it.
        found.EmailConfirmed = true;
        if (!AddErrors(await users.AddPasswordAsync(found, form.Password))) return View("NewPassword", form);
        await AuditLog.RecordAsync(db, HttpContext, clock, AuditAction.PasswordSet, "User", found.Id, userId: found.Id);
        TempData["Message"] = t["Ditt lösenord är sparat. Logga in med det."].Value;
        return RedirectToAction("Login", "Account");
    }

    [HttpGet("password"), Authorize]
    public IActionResult Change() => View(new ChangePasswordForm());

    [HttpPost("password"), Authorize]
    public async Task<IActionResult> Change(ChangePasswordForm form)
    {
        if (!await changeValidator.ValidateIntoAsync(form, ModelState)) return View(form);
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded && result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
        {
            ModelState.AddModelError(nameof(form.CurrentPassword), t["Det nuvarande lösenordet stämmer inte."]);
            return View(form);
        }
        if (!AddErrors(result, nameof(form.NewPassword))) return View(form);
        // The stamp changed, which would end this session too at its next check: give it a fresh cookie.
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = t["Lösenordet är bytt."].Value;
        return RedirectToAction("Index", "TwoFactor");
    }

    /// <summary>The user a mailed link was made for, when its token is still good; null for anything else, without saying why.</summary>
    private async Task<AppUser?> UserOfLinkAsync(string? userId, string? token, string provider, string purpose)
    {
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token) || userId.Length > 450 || token.Length > 2000) return null;
        var user = await users.FindByIdAsync(userId);
        if (user is null || user.IsDisabled) return null;
        return await users.VerifyUserTokenAsync(user, provider, purpose, token) ? user : null;
    }

    private bool AddErrors(IdentityResult result, string field = nameof(NewPasswordForm.Password))
    {
        foreach (var error in result.Errors) ModelState.AddModelError(field, error.Description);
        return result.Succeeded;
    }
}

public sealed class ForgotPasswordForm
{
    public string Email { get; set; } = "";
}

public sealed class ForgotPasswordFormValidator : AbstractValidator<ForgotPasswordForm>
{
    public ForgotPasswordFormValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Email).NotEmpty().IsEmailAddress().MaximumLength(EmailAddress.MaxLength).WithName(t["E-post"]);
    }
}

/// <summary>A password chosen through a mailed link (an invitation's or a reset's), typed twice.</summary>
public sealed class NewPasswordForm
{
    public string User { get; set; } = "";
    public string Token { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
    /// <summary>For the page only (the account's address, for password managers), never read from the form.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public string Email { get; set; } = "";
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public bool Invitation { get; set; }

    public static NewPasswordForm For(AppUser user, string token, bool invitation) =>
        new() { User = user.Id, Token = token, Email = user.Email!, Invitation = invitation };
}

public sealed class NewPasswordFormValidator : AbstractValidator<NewPasswordForm>
{
    public NewPasswordFormValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Password).NotEmpty().WithName(t["Nytt lösenord"]);
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage(t["Lösenorden är inte lika."]);
    }
}

public sealed class ChangePasswordForm
{
    public string CurrentPassword { get; set; } = "";
    public string NewPassword { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangePasswordFormValidator : AbstractValidator<ChangePasswordForm>
{
    public ChangePasswordFormValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithName(t["Nuvarande lösenord"]);
        RuleFor(x => x.NewPassword).NotEmpty().WithName(t["Nytt lösenord"]);
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage(t["Lösenorden är inte lika."]);
    }
}
