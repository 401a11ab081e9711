using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace DialogPlanner.Web.Security;

/// <summary>Forwarded headers, HTTPS redirection, HSTS and cookie names and flags, as <see cref="Transport"/> says.</summary>
public static class TransportSetup
{
    public static IServiceCollection AddTransport(this IServiceCollection services, Transport transport)
    {
        services.AddSingleton(transport);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the configured ones: the defaults trust loopback, i.e. anything else running on this machine.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in transport.KnownProxies) o.KnownProxies.Add(proxy);
            foreach (var network in transport.KnownNetworks) o.KnownIPNetworks.Add(network);
            // Each hop is believed only when the one it came from is known, so a chain of known proxies
            // (load balancer, then proxy) is followed back to the client and no further.
            o.ForwardLimit = null;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(transport.HstsMaxAgeDays);
            o.IncludeSubDomains = transport.HstsIncludeSubDomains;
        });
        services.AddHttpsRedirection(o => o.HttpsPort = transport.HttpsPort);
        services.AddAntiforgery(o => transport.Harden(o.Cookie, Transport.AntiforgeryCookie));
        services.Configure<CookieTempDataProviderOptions>(o => transport.Harden(o.Cookie, Transport.TempDataCookie));
        // Every cookie scheme Identity registers (sign-in, and the two-factor and external ones should they be used).
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>>(new HardenedAuthCookies(transport));
        return services;
    }

    public static void UseTransport(this IApplicationBuilder app, Transport transport)
    {
        if (transport.BehindProxy) app.UseForwardedHeaders();
        if (!transport.Https) return;
        app.UseHsts();
        // A load balancer's health probe often asks over plain HTTP and needs an answer, not a redirect.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
    }

    private sealed class HardenedAuthCookies(Transport transport) : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options) =>
            transport.Harden(options.Cookie, options.Cookie.Name ?? CookieAuthenticationDefaults.CookiePrefix + name);
    }
}
