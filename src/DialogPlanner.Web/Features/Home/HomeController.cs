using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace DialogPlanner.Web.Features.Home;

[AllowAnonymous]
public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View();

    /// <summary>Stores the chosen UI language for a year; only sv-SE and en are accepted.</summary>
    [HttpPost("/culture")]
    public IActionResult Culture(string culture, string? returnUrl)
    {
        if (Composition.Cultures.Any(c => c.Name == culture))
            Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    // Any method: the status-code pages re-execute the failed request's own method here.
    [Route("/error/{code:int}")]
    public IActionResult Error(int code)
    {
        ViewData["Code"] = code;
        return View();
    }
}
