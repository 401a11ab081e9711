using System.Net;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Security;

namespace DialogPlanner.Tests.Security;

/// <summary>Every answer carries the security headers: pages, redirects, static files, feeds, error pages.</summary>
public sealed class SecurityHeaderTests
{
    private const string Tiles = "https://{s}.tiles.example.test/{z}/{x}/{y}.png";

    private static void AssertHeaders(HttpResponseMessage response, string what)
    {
        string Header(string name) =>
            response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
            : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
            : throw new Xunit.Sdk.XunitException($"{what} ({(int)response.StatusCode}) has no {name} header.");

        var csp = Header("Content-Security-Policy");
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("style-src 'self';", csp);
        Assert.Contains("img-src 'self' data: https://*.tiles.example.test;", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe", csp);
        Assert.False(response.Headers.Contains("Content-Security-Policy-Report-Only"), what);
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("no-referrer", Header("Referrer-Policy"));
        var permissions = Header("Permissions-Policy").Split(", ");
        Assert.Contains("geolocation=(self)", permissions);
        Assert.Contains("camera=(self)", permissions);
        Assert.Contains("microphone=()", permissions);
        Assert.Contains("payment=()", permissions);
    }

    [Fact]
    public async Task Pages_Redirects_StaticFiles_Feeds_AndStatusPages_CarryTheHeaders()
    {
        await using var app = await AppFactory.StartAsync("Sqlite", new Dictionary<string, string?> { ["Maps:TileUrl"] = Tiles });
        var anonymous = app.CreateBrowser();
        var expected = new Dictionary<string, HttpStatusCode>
        {
            ["/"] = HttpStatusCode.OK,
            ["/account/login"] = HttpStatusCode.OK,
            ["/promises"] = HttpStatusCode.Redirect,
            ["/css/site.css"] = HttpStatusCode.OK,
            ["/js/findings-queue.js"] = HttpStatusCode.OK,
            ["/calendar/public.ics"] = HttpStatusCode.OK,
            ["/health"] = HttpStatusCode.OK,
            ["/finns-inte"] = HttpStatusCode.NotFound,
            [$"/rsvp/{new string('x', 40)}"] = HttpStatusCode.NotFound,
        };
        foreach (var (path, status) in expected)
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(status, response.StatusCode);
            AssertHeaders(response, path);
        }

        var participant = await app.SignInAsync(await app.AddUserAsync("berit@example.test", Web.Features.Accounts.Roles.Participant), TestData.Password);
        var forbidden = await participant.GetAsync("/promises");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("Du har inte behörighet", await forbidden.Content.ReadAsStringAsync());
        AssertHeaders(forbidden, "the 403 page");
    }

    [Fact]
    public async Task ThePageOfAFailure_CarriesTheHeaders_AfterTheExceptionHandlerClearedTheResponse()
    {
        await using var app = await AppFactory.StartAsync("Postgres", new Dictionary<string, string?> { ["Maps:TileUrl"] = Tiles }, environment: "Production");
        var client = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/kommun/ljungby")).StatusCode);

        await app.Database.DropAsync();

        var failed = await client.GetAsync("/kommun/ljungby");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains("Något gick fel.", await failed.Content.ReadAsStringAsync());
        AssertHeaders(failed, "the 500 page");
    }

    [Theory]
    [InlineData("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org")]
    [InlineData("https://{s}.tile.example.org/{z}/{x}/{y}{r}.png", "https://*.tile.example.org")]
    [InlineData("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080")]
    [InlineData("http://{s}.localhost:8080/{z}/{x}/{y}.png", "http://*.localhost:8080")]
    [InlineData("//tiles.example.org/{z}/{x}/{y}.png", "tiles.example.org")]
    [InlineData("/tiles/{z}/{x}/{y}.png", null)]
    [InlineData("", null)]
    public void TheTileServer_IsTheOnlyOtherPlaceImagesMayComeFrom(string tileUrl, string? source)
    {
        Assert.Equal(source, SecurityHeaders.TileSource(tileUrl));
        var imgSrc = SecurityHeaders.ContentSecurityPolicyFor(tileUrl).Split("; ").Single(d => d.StartsWith("img-src"));
        Assert.Equal(source is null ? "img-src 'self'" : $"img-src 'self' data: {source}", imgSrc);
    }

    [Theory]
    [InlineData("ftp://tiles.example.org/{z}/{x}/{y}.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://tiles.{s}.example.org/{z}/{x}/{y}.png")]
    [InlineData("https://tiles.example.org;script-src *;/{z}/{x}/{y}.png")]
    [InlineData("https:///{z}/{x}/{y}.png")]
    public void ATileUrlThatCannotBeAllowedExactly_StopsTheStart(string tileUrl)
    {
        var problem = Assert.Throws<InvalidOperationException>(() => SecurityHeaders.ContentSecurityPolicyFor(tileUrl));
        Assert.Contains("Maps:TileUrl", problem.Message);
    }
}
