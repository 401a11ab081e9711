using DialogPlanner.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Accounts;

[Route("account")]
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
        if (result.Succeeded)
            return Url.IsLocalUrl(form.ReturnUrl) ? LocalRedirect(form.ReturnUrl) : await LandingAsync(form.Email.Trim());
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? t["Kontot är låst efter för många misslyckade försök. Försök igen om en stund."]
            : t["Fel e-postadress eller lösenord."]);
        return View(form);
    }

    /// <summary>A walk participant has one thing to do here: their walks. Everyone else starts on the start page.</summary>
    private async Task<IActionResult> LandingAsync(string userName)
    {
        var user = await users.FindByNameAsync(userName);
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
