using DialogPlanner.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Accounts;

/// <summary>Signing in (with the second factor when the account has one) and out.</summary>
[Route("account"), AllowedBeforeTwoFactor]
public sealed class AccountController(
    SignInManager<AppUser> signIn, UserManager<AppUser> users, IValidator<LoginForm> validator, IStringLocalizer<SharedResource> t) : Controller
{
    [HttpGet("login"), AllowAnonymous]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [RateLimited(RateLimits.SignIn)]
    [HttpPost("login"), AllowAnonymous]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!await validator.ValidateIntoAsync(form, ModelState)) return View(form);
        var result = await signIn.PasswordSignInAsync(form.Email.Trim(), form.Password, form.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded) return await OnwardAsync(form.ReturnUrl, await users.FindByNameAsync(form.Email.Trim()));
        if (result.RequiresTwoFactor)
            return RedirectToAction(nameof(LoginTwoFactor), new { returnUrl = form.ReturnUrl, rememberMe = form.RememberMe });
        // A turned-off account gets the same answer as a wrong password: the form tells nobody which accounts exist.
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? t["Kontot är låst efter för många misslyckade försök. Försök igen om en stund."]
            : t["Fel e-postadress eller lösenord."]);
        return View(form);
    }

    [HttpGet("login/two-factor"), AllowAnonymous]
    public async Task<IActionResult> LoginTwoFactor(string? returnUrl, bool rememberMe, bool recovery = false)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToAction(nameof(Login), new { returnUrl });
        return View(new TwoFactorLoginForm { ReturnUrl = returnUrl, RememberMe = rememberMe, IsRecoveryCode = recovery });
    }

    [RateLimited(RateLimits.SignIn)]
    [HttpPost("login/two-factor"), AllowAnonymous]
    public async Task<IActionResult> LoginTwoFactor(TwoFactorLoginForm form)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToAction(nameof(Login), new { returnUrl = form.ReturnUrl });
        var code = TwoFactorLoginForm.Clean(form.Code, form.IsRecoveryCode);
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(form.Code), t["Skriv koden från appen."]);
            return View(form);
        }
        var result = form.IsRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, form.RememberMe, rememberClient: false);
        if (result.Succeeded) return await OnwardAsync(form.ReturnUrl, user);
        ModelState.AddModelError(nameof(form.Code), result.IsLockedOut
            ? t["Kontot är låst efter för många misslyckade försök. Försök igen om en stund."]
            : form.IsRecoveryCode ? t["Reservkoden stämmer inte eller är redan använd."] : t["Koden stämmer inte. Skriv den kod appen visar nu."]);
        form.Code = "";
        return View(form);
    }

    /// <summary>A walk participant has one thing to do here: their walks. Everyone else starts on the start page.</summary>
    private async Task<IActionResult> OnwardAsync(string? returnUrl, AppUser? user)
    {
        if (Url.IsLocalUrl(returnUrl)) return LocalRedirect(returnUrl);
        IList<string> roles = user is null ? [] : await users.GetRolesAsync(user);
        var onlyParticipant = roles.Contains(Roles.Participant) && !roles.Any(r => r is Roles.Administrator or Roles.Organiser or Roles.TaskOwner);
        return onlyParticipant ? RedirectToAction("Index", "MyWalks") : RedirectToAction("Index", "Home");
    }

    [HttpPost("logout"), Authorize]
    public async Task<IActionResult> Logout()
    {
        await signIn.SignOutAsync();
        return RedirectToAction("Index", "Home");
    }
}

public sealed class LoginForm
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class LoginFormValidator : AbstractValidator<LoginForm>
{
    public LoginFormValidator(IStringLocalizer<SharedResource> t)
    {
        RuleFor(x => x.Email).NotEmpty().WithName(t["E-post"]);
        RuleFor(x => x.Password).NotEmpty().WithName(t["Lösenord"]);
    }
}

/// <summary>The second step of signing in: the app's six digits, or one of the recovery codes.</summary>
public sealed class TwoFactorLoginForm
{
    public string Code { get; set; } = "";
    public bool IsRecoveryCode { get; set; }
    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }

    /// <summary>As apps show it and people type it: with spaces (or, for the app's code, a dash) in the middle. Recovery codes keep their dash.</summary>
    public static string Clean(string? code, bool recovery = false)
    {
        var text = (code ?? "").Replace(" ", "").Trim();
        return recovery ? text : text.Replace("-", "");
    }
}
