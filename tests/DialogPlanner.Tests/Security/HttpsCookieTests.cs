using System.Net;
using DialogPlanner.Tests.Infrastructure;

namespace DialogPlanner.Tests.Security;

/// <summary>
/// Behind a proxy that terminates TLS: the app believes "this was HTTPS" only from a proxy it knows, and then
/// sends HSTS and only __Host- cookies that are Secure. Without HTTPS the cookies are plain and nothing is redirected.
/// </summary>
public sealed class HttpsCookieTests
{
    private const string Host = "dialog.example.test";

    private static Dictionary<string, string> Admin => new() { ["Email"] = AppFactory.AdminEmail, ["Password"] = AppFactory.AdminPassword };

    private static void AssertFlags(string setCookie, bool secure, bool httpOnly)
    {
        var flags = setCookie.Split(';').Skip(1).Select(f => f.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("path=/", flags);
        Assert.DoesNotContain(flags, f => f.StartsWith("domain="));
        Assert.Equal(secure, flags.Contains("secure"));
        Assert.Equal(httpOnly, flags.Contains("httponly"));
    }

    [Fact]
    public async Task ThroughAKnownProxy_OverHttps_EveryCookieIsAHostCookie_Secure_AndHstsIsSent()
    {
        await using var app = await OnAPort.StartAsync("Sqlite", new()
        {
            ["Https:Enabled"] = "true", ["ForwardedHeaders:KnownProxies"] = "10.0.0.1, 127.0.0.1",
        });
        var browser = app.Client("203.0.113.9", "https", Host);

        var login = await SignInAndChooseEnglishAsync(browser, "__Host-", secure: true);
        Assert.Equal("max-age=31536000", string.Join(",", login.Headers.GetValues("Strict-Transport-Security")));
        Assert.DoesNotContain(browser.Cookies.Keys, name => !name.StartsWith("__Host-"));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/calendar/renew", [], formPage: "/calendar")).StatusCode);
        AssertFlags(browser.SetCookie("__Host-dialogplanner.tempdata"), secure: true, httpOnly: true);
        Assert.Contains("The calendar address is new.", await (await browser.GetAsync("/calendar")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ThroughAnUnknownProxy_ItsWordOnHttpsIsNotTaken_TheRequestIsRedirected_ButHealthIsAnswered()
    {
        await using var app = await OnAPort.StartAsync("Sqlite", new()
        {
            ["Https:Enabled"] = "true", ["ForwardedHeaders:KnownProxies"] = "10.0.0.1",
        });
        var browser = app.Client("203.0.113.9", "https", Host);

        var login = await browser.GetAsync("/account/login?returnUrl=%2Fpromises");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, login.StatusCode);
        Assert.Equal($"https://{Host}/account/login?returnUrl=%2Fpromises", login.Headers.Location!.ToString());
        Assert.Empty(browser.SetCookies);
        Assert.False(login.Headers.Contains("Strict-Transport-Security"));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task WithoutHttps_CookiesArePlain_NothingIsRedirected_AndAForwardedSchemeFromAnyoneIsIgnored()
    {
        await using var app = await OnAPort.StartAsync("Sqlite", []);
        var browser = app.Client("203.0.113.9", "https", Host);

        var login = await SignInAndChooseEnglishAsync(browser, "", secure: false);
        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>The cookies of a visit: the form token, the sign-in, the language; each named and flagged as expected, and working.</summary>
    private static async Task<HttpResponseMessage> SignInAndChooseEnglishAsync(ProxiedClient browser, string prefix, bool secure)
    {
        var login = await browser.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        AssertFlags(browser.SetCookie(prefix + "dialogplanner.antiforgery"), secure, httpOnly: true);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/account/login", Admin)).StatusCode);
        var auth = browser.SetCookie(prefix + "dialogplanner.auth");
        AssertFlags(auth, secure, httpOnly: true);
        Assert.Contains("samesite=lax", auth.ToLowerInvariant());
        Assert.Contains("Logga ut", await (await browser.GetAsync("/")).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/culture", new() { ["culture"] = "en", ["returnUrl"] = "/" }, formPage: "/")).StatusCode);
        AssertFlags(browser.SetCookie(prefix + "dialogplanner.culture"), secure, httpOnly: false);
        Assert.Equal("en", (await browser.GetDocumentAsync("/")).DocumentElement.GetAttribute("lang"));
        return login;
    }
}
