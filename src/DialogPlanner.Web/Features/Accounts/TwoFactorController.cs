using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace DialogPlanner.Web.Features.Accounts;

/// <summary>
/// A user's own account: the password, and sign-in with a second factor from an authenticator app (Identity's TOTP):
/// a shared key shown as text and as a QR code, confirmed with a code from the app, then ten recovery codes shown once.
/// </summary>
[Authorize, Route("account/two-factor"), AllowedBeforeTwoFactor]
public sealed class TwoFactorController(
    UserManager<AppUser> users, IUserStore<AppUser> store, SignInManager<AppUser> signIn, AccountSettings settings, IStringLocalizer<SharedResource> t) : Controller
{
    private const string Issuer = "DialogPlanner";
    private const int RecoveryCodeCount = 10;

    [HttpGet("")]
    public async Task<IActionResult> Index(bool required = false)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        return View(await PageAsync(user, required));
    }

    /// <summary>The shared key as a QR code, for the phone's camera. An image of the app's own, as the Content-Security-Policy wants.</summary>
    [HttpGet("qr")]
    public async Task<IActionResult> QrCode()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (user.TwoFactorEnabled || string.IsNullOrEmpty(key)) return NotFound();
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri(user.Email!, key), QRCodeGenerator.ECCLevel.Q);
        Response.Headers.CacheControl = "no-store";
        return File(new PngByteQRCode(data).GetGraphic(6), "image/png");
    }

    [HttpPost("")]
    public async Task<IActionResult> Enable(TwoFactorEnableForm form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return RedirectToAction(nameof(Index));
        var code = TwoFactorLoginForm.Clean(form.Code);
        if (code.Length == 0 || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(form.Code), t["Koden stämmer inte. Skriv den kod appen visar nu."]);
            return View(nameof(Index), await PageAsync(user, form.Required));
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        // The cookie now says the user has a second factor (AppClaimsFactory); the changed stamp needs a fresh one anyway.
        await signIn.RefreshSignInAsync(user);
        return View("RecoveryCodes", codes?.ToList() ?? []);
    }

    [HttpPost("recovery-codes")]
    public async Task<IActionResult> NewRecoveryCodes()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToAction(nameof(Index));
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
        return View("RecoveryCodes", codes?.ToList() ?? []);
    }

    [HttpPost("disable")]
    public async Task<IActionResult> Disable()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (await RequiredForAsync(user))
        {
            TempData["Message"] = t["Din roll kräver tvåstegsinloggning; den kan inte stängas av."].Value;
            return RedirectToAction(nameof(Index));
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key next time: the old one may be on a lost phone.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = t["Tvåstegsinloggningen är avstängd."].Value;
        return RedirectToAction(nameof(Index));
    }

    private async Task<TwoFactorPage> PageAsync(AppUser user, bool required)
    {
        string? key = null;
        if (!user.TwoFactorEnabled)
        {
            key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                // The first key, through the store rather than ResetAuthenticatorKeyAsync: that also renews the security
                // stamp, which would end this very session (and the user's others) while they are scanning the code.
                key = users.GenerateNewAuthenticatorKey();
                await ((IUserAuthenticatorKeyStore<AppUser>)store).SetAuthenticatorKeyAsync(user, key, HttpContext.RequestAborted);
                await users.UpdateAsync(user);
            }
        }
        return new TwoFactorPage(user.Email!, user.TwoFactorEnabled, key is null ? null : Grouped(key),
            user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0, required, await RequiredForAsync(user));
    }

    private async Task<bool> RequiredForAsync(AppUser user) =>
        settings.RequireTwoFactor.Count > 0 && (await users.GetRolesAsync(user)).Any(settings.RequireTwoFactor.Contains);

    /// <summary>The key in groups of four, lower case, as people type it into an app.</summary>
    private static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) text.Append(' ');
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return text.ToString().ToLowerInvariant();
    }

    private static string AuthenticatorUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
}

public sealed record TwoFactorPage(string Email, bool Enabled, string? SharedKey, int RecoveryCodesLeft, bool Required, bool RequiredByRole);

public sealed class TwoFactorEnableForm
{
    public string Code { get; set; } = "";
    public bool Required { get; set; }
}
