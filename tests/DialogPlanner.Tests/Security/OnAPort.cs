using System.Net;
using AngleSharp.Html.Dom;
using DialogPlanner.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Security;

/// <summary>
/// The app served by Kestrel on a loopback port, so that requests arrive over TCP from 127.0.0.1 as they would
/// from a reverse proxy on the same machine (whether the app believes that proxy is up to its settings).
/// </summary>
public sealed class OnAPort : IAsyncDisposable
{
    public AppFactory Factory { get; }
    public Uri Address { get; }

    private OnAPort(AppFactory factory, Uri address) => (Factory, Address) = (factory, address);

    public static async Task<OnAPort> StartAsync(string provider, Dictionary<string, string?> settings, string environment = "Testing")
    {
        var factory = new AppFactory(await TestDatabase.CreateAsync(provider), settings, environment);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        return new OnAPort(factory, new Uri(addresses.Addresses.Single()));
    }

    /// <summary>A client as the proxy passes it on: with the X-Forwarded-* headers and Host the proxy would add.</summary>
    public ProxiedClient Client(string? forwardedFor = null, string? forwardedProto = null, string? host = null) =>
        new(Address, forwardedFor, forwardedProto, host);

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>
/// A browser behind a proxy, by hand: it keeps every cookie it is given, Secure ones too (the app may see HTTPS
/// where the test speaks HTTP to it), sends them back, and never follows a redirect, so each answer can be read.
/// </summary>
public sealed class ProxiedClient(Uri address, string? forwardedFor, string? forwardedProto, string? host)
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };

    public Dictionary<string, string> Cookies { get; } = [];

    /// <summary>The Set-Cookie headers of the latest answer, as sent.</summary>
    public List<string> SetCookies { get; private set; } = [];

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, Action<HttpRequestMessage>? more = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        more?.Invoke(request);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (forwardedProto is not null) request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        if (host is not null) request.Headers.Host = host;
        if (Cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await _http.SendAsync(request);
        SetCookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set.ToList() : [];
        foreach (var cookie in SetCookies)
        {
            var pair = cookie.Split(';')[0];
            Cookies[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
        }
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public async Task<IHtmlDocument> GetDocumentAsync(string path)
    {
        var response = await GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} gave {(int)response.StatusCode}");
        return await response.ReadDocumentAsync();
    }

    /// <summary>Posts a form with the antiforgery token of the page it is on, as a browser would.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await GetDocumentAsync(formPage ?? path);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
                    ?? throw new InvalidOperationException($"No antiforgery token on {formPage ?? path}");
        return await PostAsync(path, fields, token);
    }

    /// <summary>Posts with a token already taken from a page: the next attempt of someone still on it.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields, string token) =>
        SendAsync(HttpMethod.Post, path, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));

    /// <summary>The Set-Cookie header of one cookie in the latest answer.</summary>
    public string SetCookie(string name) =>
        SetCookies.SingleOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No cookie {name} was set; the answer set: {string.Join(" | ", SetCookies)}");
}
