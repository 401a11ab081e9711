using DialogPlanner.Web.Features.Walks;

namespace DialogPlanner.Web.Security;

/// <summary>
/// The headers every response carries: pages, static files, feeds, photos and error pages alike.
/// Scripts and styles come only from the app's own files (no inline script, no style attribute: see
/// docs/decisions/0007); images also from the walk maps' tile server. Personal tokens travel in URLs, so no
/// Referer is ever sent; no other site may frame a page; the phone recorder alone asks for position and camera.
/// </summary>
public sealed class SecurityHeaders(string contentSecurityPolicy)
{
    /// <summary>Position and camera for the recorder, for this app only; the rest of what a page could ask for, for nobody.</summary>
    public const string PermissionsPolicy =
        "geolocation=(self), camera=(self), microphone=(), payment=(), usb=(), serial=(), hid=(), midi=(), " +
        "accelerometer=(), gyroscope=(), magnetometer=(), display-capture=(), screen-wake-lock=(), " +
        "xr-spatial-tracking=(), publickey-credentials-get=(), idle-detection=(), browsing-topics=()";

    public string ContentSecurityPolicy { get; } = contentSecurityPolicy;

    public static SecurityHeaders For(MapSettings maps) => new(ContentSecurityPolicyFor(maps.TileUrl));

    public static string ContentSecurityPolicyFor(string tileUrl)
    {
        // Leaflet blanks a tile it stops loading with a data: image; that needs data: beside the tile server.
        var tiles = TileSource(tileUrl) is { } source ? $" data: {source}" : "";
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            $"img-src 'self'{tiles}",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    /// <summary>
    /// The CSP source of a Leaflet tile URL template: its scheme, host and port. A <c>{s}</c> subdomain becomes
    /// <c>*.</c>; a template on the app's own host (a path) needs nothing beyond 'self'.
    /// </summary>
    public static string? TileSource(string tileUrl)
    {
        var url = tileUrl.Trim();
        if (url.Length == 0 || (url.StartsWith('/') && !url.StartsWith("//"))) return null;
        var schemeEnd = url.IndexOf("//", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? url[..schemeEnd] : "";
        if (schemeEnd < 0 || scheme is not ("" or "https:" or "http:"))
            throw new InvalidOperationException($"Maps:TileUrl \"{tileUrl}\" must start with https://, http:// or / (a path on this server).");
        var rest = url[(schemeEnd + 2)..];
        var authority = rest[..(rest.IndexOf('/') is var slash and >= 0 ? slash : rest.Length)];
        var labels = authority.Split('.');
        if (labels.Skip(1).Any(l => l.Contains('{')) || authority.Length == 0 || authority.IndexOfAny([';', ',', ' ', '\'']) >= 0)
            throw new InvalidOperationException($"Maps:TileUrl \"{tileUrl}\": only the first label of the host may be a placeholder, as in https://{{s}}.tile.example.org/{{z}}/{{x}}/{{y}}.png.");
        if (labels[0].Contains('{')) labels[0] = "*";
        var host = string.Join('.', labels);
        return scheme.Length > 0 ? $"{scheme}//{host}" : host;
    }

    public void WriteTo(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // Old browsers that know no frame-ancestors.
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = PermissionsPolicy;
    }
}

public static class SecurityHeadersSetup
{
    /// <summary>
    /// Set when the response starts, so that they survive the exception handler clearing the response for the
    /// error page, and reach static files and re-executed status-code pages too.
    /// </summary>
    public static void UseSecurityHeaders(this IApplicationBuilder app)
    {
        var headers = app.ApplicationServices.GetRequiredService<SecurityHeaders>();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                headers.WriteTo(context.Response.Headers);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
