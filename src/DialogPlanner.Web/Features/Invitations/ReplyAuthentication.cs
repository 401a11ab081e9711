using MimeKit;
using MimeKit.Cryptography;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>
/// Whether the receiving mail server vouched for a calendar answer's sender (Email:Imap:TrustAuthenticationResults).
/// Anyone can write any From: address, so an answer counts only when the Authentication-Results header of the
/// named server (its authserv-id, RFC 8601) says DMARC passed, or DKIM passed for a domain aligned with the From
/// domain. Headers are read with MimeKit's <see cref="AuthenticationResults"/>, never by hand. Only the topmost
/// header with that authserv-id is believed: the server puts its own above whatever the sender wrote, so a forged
/// one naming our server lies further down (servers that strip such forgeries, as RFC 8601 asks, are safer still).
/// </summary>
public static class ReplyAuthentication
{
    /// <returns>Null when the reply passed; otherwise what the server said (or that it said nothing).</returns>
    public static string? Problem(MimeMessage message, string authservId)
    {
        var ours = message.Headers.Where(h => h.Id == HeaderId.AuthenticationResults)
            .Select(h => AuthenticationResults.TryParse(h.RawValue, out var parsed) ? parsed : null)
            .FirstOrDefault(r => string.Equals(r?.AuthenticationServiceIdentifier, authservId.Trim(), StringComparison.OrdinalIgnoreCase));
        if (ours is null) return $"No Authentication-Results from {authservId}.";
        var fromDomain = message.From.Mailboxes.Select(m => m.Domain).Distinct(StringComparer.OrdinalIgnoreCase).SingleOrDefault();
        if (ours.Results.Any(r => Is(r.Method, "dmarc") && Is(r.Result, "pass"))) return null;
        if (fromDomain is not null && ours.Results.Any(r => Is(r.Method, "dkim") && Is(r.Result, "pass")
                && r.Properties.Any(p => Is(p.PropertyType, "header") && Is(p.Property, "d") && Aligned(p.Value, fromDomain))))
            return null;
        return string.Join("; ", ours.Results.Select(r => $"{r.Method}={r.Result}" +
            string.Concat(r.Properties.Select(p => $" {p.PropertyType}.{p.Property}={p.Value}")))) is { Length: > 0 } said ? said : "No results.";
    }

    private static bool Is(string? value, string expected) => string.Equals(value?.Trim(), expected, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Relaxed alignment as DMARC means it (RFC 7489 3.1.1), without the public-suffix list: the signing domain is the
    /// From domain or a parent of it (a signature by example.se vouches for kommun.example.se, not the other way).
    /// </summary>
    private static bool Aligned(string? signingDomain, string fromDomain)
    {
        var d = signingDomain?.Trim().TrimEnd('.') ?? "";
        return d.Contains('.') && (fromDomain.Equals(d, StringComparison.OrdinalIgnoreCase)
                                  || fromDomain.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
    }
}
