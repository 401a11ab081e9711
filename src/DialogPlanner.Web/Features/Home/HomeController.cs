using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace DialogPlanner.Web.Features.Home;

[AllowAnonymous]
public sealed class HomeController(Transport transport) : Controller
{
    /// <summary>Anonymous visitors get the welcome and the way to sign in; a signed-in user gets their work queues.</summary>
    [HttpGet("/")]
    public async Task<IActionResult> Index([FromServices] WorkQueues queues, CancellationToken ct) =>
        View(User.Identity?.IsAuthenticated == true ? await queues.ForAsync(User, ct) : []);

    /// <summary>Stores the chosen UI language for a year; only sv-SE and en are accepted.</summary>
    // Accepted without a form token: the cached public pages carry this form without one (a token is per visitor),
    // and a forged choice of language harms nobody.
    [HttpPost("/culture"), IgnoreAntiforgeryToken, AllowedBeforeTwoFactor]
    public IActionResult Culture(string culture, string? returnUrl)
    {
        if (Composition.Cultures.Any(c => c.Name == culture))
            Response.Cookies.Append(transport.CookieName(Transport.CultureCookie),
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions
                {
                    Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Path = "/",
                    Secure = transport.Https || Request.IsHttps,
                });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    // Any method: the status-code pages re-execute the failed request's own method here. The page changes
    // nothing, and a refused POST (e.g. 429 on sign-in) must get its page, not a complaint about its form token.
    [Route("/error/{code:int}"), IgnoreAntiforgeryToken, AllowedBeforeTwoFactor]
    public IActionResult Error(int code)
    {
        ViewData["Code"] = code;
        return View();
    }
}
