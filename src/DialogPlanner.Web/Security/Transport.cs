using System.Net;

namespace DialogPlanner.Web.Security;

/// <summary>
/// How people reach the app (settings <c>Https:*</c> and <c>ForwardedHeaders:*</c>): straight, or through a
/// reverse proxy that terminates TLS; over HTTP or HTTPS. A proxy's X-Forwarded-For and X-Forwarded-Proto are
/// believed only from the proxies and networks named here: from anyone else they are a claim anybody can make.
/// </summary>
public sealed record Transport(
    bool Https, int HttpsPort, int HstsMaxAgeDays, bool HstsIncludeSubDomains,
    IReadOnlyList<IPAddress> KnownProxies, IReadOnlyList<IPNetwork> KnownNetworks)
{
    public const string AntiforgeryCookie = "dialogplanner.antiforgery";
    public const string TempDataCookie = "dialogplanner.tempdata";
    public const string CultureCookie = "dialogplanner.culture";

    public static Transport From(IConfiguration configuration)
    {
        var https = configuration.GetSection("Https");
        var forwarded = configuration.GetSection("ForwardedHeaders");
        var transport = new Transport(
            https.GetValue("Enabled", false),
            https.GetValue("Port", 443),
            https.GetValue("HstsMaxAgeDays", 365),
            https.GetValue("HstsIncludeSubDomains", false),
            List(forwarded, "KnownProxies").Select(p => IPAddress.TryParse(p, out var a) ? a : throw Invalid("KnownProxies", p)).ToList(),
            List(forwarded, "KnownNetworks").Select(n => IPNetwork.TryParse(n, out var a) ? a : throw Invalid("KnownNetworks", n)).ToList());
        if (transport.HttpsPort is < 1 or > 65535) throw new InvalidOperationException($"Https:Port {transport.HttpsPort} is not a port number.");
        if (transport.HstsMaxAgeDays < 0) throw new InvalidOperationException("Https:HstsMaxAgeDays must not be negative.");
        return transport;
    }

    public bool BehindProxy => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <summary>
    /// A cookie's name as sent: over HTTPS with the <c>__Host-</c> prefix, which browsers accept only on a Secure
    /// cookie for this very host and path /, so that neither a subdomain nor plain HTTP can plant or read it.
    /// </summary>
    public string CookieName(string name) => Https ? "__Host-" + name : name;

    /// <summary>
    /// Names the cookie and, over HTTPS, makes it Secure even on the odd request that reaches the app unencrypted
    /// (e.g. /health), with the path and host that the prefix demands.
    /// </summary>
    public void Harden(CookieBuilder cookie, string name)
    {
        cookie.Name = CookieName(name);
        cookie.SecurePolicy = Https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        cookie.Path = "/";
        if (Https) cookie.Domain = null;
    }

    // Both an array (KnownProxies:0, KnownProxies__0 in the environment) and one comma-separated value are accepted.
    private static IEnumerable<string> List(IConfigurationSection section, string key)
    {
        var list = section.GetSection(key);
        var values = list.Value is { } single ? single.Split(',') : list.GetChildren().Select(c => c.Value ?? "");
        return values.Select(v => v.Trim()).Where(v => v.Length > 0);
    }

    private static InvalidOperationException Invalid(string key, string text) =>
        new($"ForwardedHeaders:{key}: \"{text}\" is not an IP address (10.0.0.5) or network (10.0.0.0/8).");
}
