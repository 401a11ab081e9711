using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;

namespace DialogPlanner.Web.Security;

/// <summary>Puts an endpoint under one of the named limits of <see cref="RateLimits"/>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class RateLimitedAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

/// <summary>
/// Limits on what an attacker would repeat: password guesses (per address and per client, across accounts),
/// token guesses on the personal links, and uploads. Each limit is a token bucket: <c>Permits</c> at once,
/// refilled evenly over <c>Seconds</c> (settings <c>RateLimits:*</c>), so that a normal burst passes and a
/// sustained stream does not. A refused request gets 429 with Retry-After, and the page /error/429 in the
/// user's language says when to try again.
/// </summary>
/// <remarks>
/// One request can count against several limits at once (sign-in: its address and its client), which a named
/// ASP.NET Core policy cannot do (it gives a request one partition); so the limits are one chain in the global
/// limiter, each applying to the endpoints whose <see cref="RateLimitedAttribute"/> names its policy.
/// </remarks>
public static class RateLimits
{
    /// <summary>Signing in: per e-mail address typed, and per client.</summary>
    public const string SignIn = "sign-in";
    /// <summary>Asking for a password reset (each one sends mail): per address and per client. For the forgot-password form.</summary>
    public const string PasswordReset = "password-reset";
    /// <summary>Personal links and feeds (RSVP, recorder, calendar feeds): per client.</summary>
    public const string Link = "link";
    /// <summary>Uploads: per token of the link (or per signed-in user), and per client as a link.</summary>
    public const string Upload = "upload";

    /// <summary>The form field that holds the address on sign-in and password-reset forms.</summary>
    public const string AddressField = "Email";

    public sealed record Limit(int Permits, int Seconds);

    private sealed record Rule(string Setting, string[] Policies, Func<HttpContext, string?> Key, Limit Default);

    private static readonly Rule[] Rules =
    [
        // A whole office may sign in through one address at nine; a guesser across accounts may not go on.
        new("SignIn:PerClient", [SignIn], ClientOf, new(60, 600)),
        // Identity locks an account after 5 wrong passwords; this also covers addresses without an account.
        new("SignIn:PerAddress", [SignIn], AddressOf, new(10, 900)),
        new("PasswordReset:PerClient", [PasswordReset], ClientOf, new(20, 3600)),
        new("PasswordReset:PerAddress", [PasswordReset], AddressOf, new(5, 3600)),
        // Participants of a walk may share a mobile operator's address: generous, but not a guessing machine.
        new("Links:PerClient", [Link, Upload], ClientOf, new(300, 300)),
        new("Uploads:PerToken", [Upload], TokenOf, new(30, 600)),
    ];

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limiters = Rules.Select(rule => Limiter(rule, Read(configuration, rule))).ToArray();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(limiters);
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>After authentication (uploads of a signed-in user count per user), before authorization.</summary>
    public static void UseRateLimits(this IApplicationBuilder app)
    {
        // The limiter decides synchronously; the address it needs is in the form, so read that first (MVC reuses it).
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>()?.Policy is SignIn or PasswordReset
                && context.Request.HasFormContentType)
            {
                try { await context.Request.ReadFormAsync(context.RequestAborted); }
                catch (Exception e) when (e is InvalidDataException or IOException) { /* MVC answers the bad form */ }
            }
            await next(context);
        });
        app.UseRateLimiter();
    }

    private static Limit Read(IConfiguration configuration, Rule rule)
    {
        var section = configuration.GetSection($"RateLimits:{rule.Setting}");
        var limit = new Limit(section.GetValue("Permits", rule.Default.Permits), section.GetValue("Seconds", rule.Default.Seconds));
        return limit is { Permits: >= 1, Seconds: >= 1 }
            ? limit
            : throw new InvalidOperationException($"RateLimits:{rule.Setting}: Permits and Seconds must both be at least 1.");
    }

    private static PartitionedRateLimiter<HttpContext> Limiter(Rule rule, Limit limit)
    {
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Permits,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds((double)limit.Seconds / limit.Permits),
            QueueLimit = 0,
        };
        return PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>() is { } marked
            && rule.Policies.Contains(marked.Policy) && rule.Key(context) is { } key
                ? RateLimitPartition.GetTokenBucketLimiter(key, _ => options)
                : RateLimitPartition.GetNoLimiter(""));
    }

    /// <summary>The client's address (the proxy's word for it only from a known proxy); IPv6 by its /64, which one household or phone holds whole.</summary>
    private static string ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static string? AddressOf(HttpContext context)
    {
        var form = context.Features.Get<IFormFeature>()?.Form;
        var address = form?[AddressField].ToString().Trim();
        // Bounded: the key is kept in memory while its bucket refills.
        return string.IsNullOrEmpty(address) ? null : address[..Math.Min(address.Length, 256)].ToUpperInvariant();
    }

    private static string? TokenOf(HttpContext context) =>
        context.GetRouteValue("token") is string token ? "token:" + token[..Math.Min(token.Length, 64)]
        : context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? "user:" + user
        : null;

    private static ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
            // The endpoint, not the path: the path may hold a personal token.
            .LogWarning("Rate limit: {Endpoint} from {Client} refused for {Seconds} s",
                context.GetEndpoint()?.DisplayName, ClientOf(context), seconds);
        // No body here: the status-code pages re-execute /error/429, which renders the page in the user's language.
        return ValueTask.CompletedTask;
    }
}
