using System.Net;
using System.Net.Http.Headers;
using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Events;
using DialogPlanner.Web.Features.Invitations;
using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Tests.Security;

/// <summary>
/// Repeated sign-in attempts, token guesses and uploads are refused with 429, a Retry-After header and a page in
/// the user's language that says when to try again. The clients come through a proxy the app knows (127.0.0.1),
/// each with the address that proxy forwards; the limits are set low so that a few requests reach them.
/// </summary>
public sealed class RateLimitTests
{
    private const string Proxy = "127.0.0.1";

    private static Dictionary<string, string?> Settings(string proxy, params (string Key, string? Value)[] limits)
    {
        var settings = new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies"] = proxy };
        foreach (var (key, value) in limits) settings[key] = value;
        return settings;
    }

    private static Dictionary<string, string> SignIn(string email) => new() { ["Email"] = email, ["Password"] = "Fel-lösenord-123" };

    [Theory, MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SignIn_PerAddress_RefusesTheFourthAttemptFromAnyClient_InSwedish_AndLeavesOtherAddressesAlone(string provider)
    {
        // 3 at once, then one every 20 minutes.
        await using var app = await OnAPort.StartAsync(provider, Settings(Proxy,
            ("RateLimits:SignIn:PerAddress:Permits", "3"), ("RateLimits:SignIn:PerAddress:Seconds", "3600")));

        foreach (var client in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            var attempt = await app.Client(client).PostFormAsync("/account/login", SignIn(AppFactory.AdminEmail));
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
            Assert.Contains("Fel e-postadress eller lösenord.", await attempt.Content.ReadAsStringAsync());
        }

        var fourth = app.Client("203.0.113.4");
        var refused = await fourth.PostFormAsync("/account/login", SignIn(" ADMIN@test.example "));
        await AssertRefusedAsync(refused, seconds: 1200, "sv", "För många försök på kort tid.", "Försök igen om 20 minuter.");

        // The same client may still sign in with another address: the limit was the address's.
        var other = await fourth.PostFormAsync("/account/login", SignIn("someone.else@test.example"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task SignIn_PerClient_RefusesTheThirdAddressFromOneClient_InEnglish_WhileAnotherClientSignsIn()
    {
        // 2 at once, then one a minute.
        await using var app = await OnAPort.StartAsync("Sqlite", Settings(Proxy,
            ("RateLimits:SignIn:PerClient:Permits", "2"), ("RateLimits:SignIn:PerClient:Seconds", "120")));
        var guesser = app.Client("198.51.100.7");
        guesser.Cookies["dialogplanner.culture"] = "c=en|uic=en";
        var login = await guesser.GetDocumentAsync("/account/login");
        var token = login.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        Assert.Equal(HttpStatusCode.OK, (await guesser.PostAsync("/account/login", SignIn("a@test.example"), token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guesser.PostAsync("/account/login", SignIn("b@test.example"), token)).StatusCode);
        var refused = await guesser.PostAsync("/account/login", SignIn("c@test.example"), token);
        await AssertRefusedAsync(refused, seconds: 60, "en", "Too many attempts in a short time.", "Try again in 1 minute.");

        // Someone else behind the same proxy signs in, with the right password.
        var colleague = await app.Client("198.51.100.8").PostFormAsync("/account/login",
            new() { ["Email"] = AppFactory.AdminEmail, ["Password"] = AppFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, colleague.StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_PerAddress_RefusesTheThirdRequestForOneAddress_FromAnyClient()
    {
        await using var app = await OnAPort.StartAsync("Sqlite", Settings(Proxy,
            ("RateLimits:PasswordReset:PerAddress:Permits", "2"), ("RateLimits:PasswordReset:PerAddress:Seconds", "3600")));
        Dictionary<string, string> Ask(string email) => new() { ["Email"] = email };

        foreach (var client in new[] { "203.0.113.1", "203.0.113.2" })
            Assert.Equal(HttpStatusCode.Redirect, (await app.Client(client).PostFormAsync("/account/forgot-password", Ask(AppFactory.AdminEmail))).StatusCode);
        var refused = await app.Client("203.0.113.3").PostFormAsync("/account/forgot-password", Ask(" Admin@Test.example "));

        await AssertRefusedAsync(refused, seconds: 1800, "sv", "För många försök på kort tid.", "Försök igen om 30 minuter.");
        Assert.Equal(HttpStatusCode.Redirect, (await app.Client("203.0.113.3").PostFormAsync("/account/forgot-password", Ask("annan@test.example"))).StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_PerClient_RefusesTheThirdAddressFromOneClient()
    {
        await using var app = await OnAPort.StartAsync("Sqlite", Settings(Proxy,
            ("RateLimits:PasswordReset:PerClient:Permits", "2"), ("RateLimits:PasswordReset:PerClient:Seconds", "3600")));
        var guesser = app.Client("198.51.100.9");

        Assert.Equal(HttpStatusCode.Redirect, (await guesser.PostFormAsync("/account/forgot-password", new() { ["Email"] = "a@test.example" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await guesser.PostFormAsync("/account/forgot-password", new() { ["Email"] = "b@test.example" })).StatusCode);
        var refused = await guesser.PostFormAsync("/account/forgot-password", new() { ["Email"] = "c@test.example" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Client("198.51.100.10").PostFormAsync("/account/forgot-password", new() { ["Email"] = "c@test.example" })).StatusCode);
    }

    [Fact]
    public async Task TokenLinks_PerClient_RefuseTheFourthLookup_AndOnlyAKnownProxyCanSayWhoTheClientIs()
    {
        // 3 at once, then one every 100 s; the proxy at 10.9.9.9 is known, the test's 127.0.0.1 is not.
        await using var app = await OnAPort.StartAsync("Sqlite", Settings("10.9.9.9",
            ("RateLimits:Links:PerClient:Permits", "3"), ("RateLimits:Links:PerClient:Seconds", "300")));
        var token = await InvitationAsync(app.Factory, "anna@example.test");

        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync($"/rsvp/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync($"/rsvp/{Invitation.NewToken()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync($"/w/{Invitation.NewToken()}")).StatusCode);
        var refused = await app.Client().GetAsync($"/rsvp/{token}");
        await AssertRefusedAsync(refused, seconds: 100, "sv", "För många försök på kort tid.", "Försök igen om 2 minuter.");

        // A forwarded address from a proxy the app does not know changes nothing: it is still 127.0.0.1 asking.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.Client("192.0.2.44").GetAsync($"/rsvp/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await app.Client().GetAsync("/calendar/public.ics")).StatusCode);
        // Pages that are not personal links are not limited.
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync("/")).StatusCode);
    }

    /// <summary>The walk sheet's short code can be guessed only as fast as the personal links.</summary>
    [Fact]
    public async Task CheckInCodes_PerClient_RefuseTheFourthGuess()
    {
        await using var app = await OnAPort.StartAsync("Sqlite", Settings("10.9.9.9",
            ("RateLimits:Links:PerClient:Permits", "3"), ("RateLimits:Links:PerClient:Seconds", "300")));
        foreach (var guess in new[] { "AAAAAA", "BBBBBB", "CCCCCC" })
            Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync($"/in/{guess}")).StatusCode);
        await AssertRefusedAsync(await app.Client().GetAsync("/in/DDDDDD"), seconds: 100, "sv", "För många försök på kort tid.", "Försök igen om 2 minuter.");
    }

    [Fact]
    public async Task Uploads_PerToken_RefuseTheThirdFinding_OfThatLinkOnly()
    {
        await using var app = await OnAPort.StartAsync("Sqlite", Settings(Proxy,
            ("RateLimits:Uploads:PerToken:Permits", "2"), ("RateLimits:Uploads:PerToken:Seconds", "600")));
        var anna = await InvitationAsync(app.Factory, "anna@example.test", EventType.SafetyWalk);
        var per = await InvitationAsync(app.Factory, "per@example.test", EventType.SafetyWalk);
        // Each post from an address of its own: it is the token that is counted.
        var n = 0;
        Task<HttpResponseMessage> Post(string token) => PostFindingAsync(app.Client($"192.0.2.{++n}"), token);

        Assert.Equal(HttpStatusCode.Created, (await Post(anna)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Post(anna)).StatusCode);
        var refused = await Post(anna);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(300), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Created, (await Post(per)).StatusCode);

        await using var db = app.Factory.CreateDbContext();
        Assert.Equal(3, await db.Findings.CountAsync());
    }

    /// <summary>Refused: 429, Retry-After in seconds, and a page in the user's language saying when to try again.</summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage refused, int seconds, string language, string heading, string when)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(seconds), refused.Headers.RetryAfter?.Delta);
        var page = await refused.ReadDocumentAsync();
        Assert.Equal((language, heading, when),
            (page.DocumentElement.GetAttribute("lang"), page.QuerySelector("h1")!.TextContent, page.QuerySelector("#retry-after")!.TextContent));
    }

    /// <summary>A finding as the phone's queue sends it: multipart, asking for JSON.</summary>
    private static async Task<HttpResponseMessage> PostFindingAsync(ProxiedClient client, string token)
    {
        var page = await client.GetDocumentAsync($"/w/{token}");
        var content = new MultipartFormDataContent
        {
            { new StringContent(Guid.NewGuid().ToString()), "ClientId" }, { new StringContent("Lighting"), "Category" },
            { new StringContent("Trasig lampa"), "Description" }, { new StringContent("Gångtunneln"), "Place" },
            { new StringContent(page.QuerySelector("form.finding-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        return await client.SendAsync(HttpMethod.Post, $"/w/{token}/findings", content,
            r => r.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json")));
    }

    private static async Task<string> InvitationAsync(AppFactory app, string email, EventType type = EventType.DialogueMeeting)
    {
        await using var db = app.CreateDbContext();
        var municipality = await db.Municipalities.FirstOrDefaultAsync() ?? await app.AddMunicipalityAsync("Ljungby");
        var invitation = new Invitation { Email = email, Name = "Deltagare" };
        db.Events.Add(TestData.Event(
            municipality.Id, "Vandring Replösa", DateTime.UtcNow.AddHours(-1), location: "Replösa", type: type, invitations: [invitation]));
        await db.SaveChangesAsync();
        return invitation.Token;
    }
}
