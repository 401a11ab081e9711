using MimeKit;

namespace DialogPlanner.Web;

/// <summary>
/// One e-mail address: kept as typed (trimmed) for display and sending, compared by its normalised
/// form. The normalised form is what the NormalizedEmail columns hold, so SQL matches the same way.
/// Domains ignore case by definition; local parts do at every mail system our invitees use, and
/// organisers type "Anna.Svensson@Ljungby.se" as often as "anna.svensson@ljungby.se".
/// </summary>
public readonly record struct EmailAddress
{
    /// <summary>The longest path SMTP carries (RFC 5321), and the length of every e-mail column.</summary>
    public const int MaxLength = 254;

    /// <summary>MimeKit's lenient address reading, except that an address must have a domain.</summary>
    internal static readonly ParserOptions Lenient = WithUnquotedCommas(true);

    private EmailAddress(string address) => (Address, Normalized) = (address, Normalize(address));

    /// <summary>As typed, trimmed: "Anna.Svensson@Ljungby.se".</summary>
    public string Address { get; }

    /// <summary>Trimmed and lower case: "anna.svensson@ljungby.se".</summary>
    public string Normalized { get; }

    public bool Equals(EmailAddress other) => string.Equals(Normalized, other.Normalized, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Normalized ?? "");

    public override string ToString() => Address;

    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    public static bool Same(string? a, string? b) => a is not null && b is not null && Normalize(a) == Normalize(b);

    /// <summary>A bare address, as a form field holds it: no display name, no list.</summary>
    public static bool TryParse(string? text, out EmailAddress address)
    {
        address = default;
        var trimmed = text?.Trim();
        // Longer than any address can be: not worth handing to the parser.
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength) return false;
        return MailboxAddress.TryParse(Lenient, trimmed, out var mailbox) && string.IsNullOrEmpty(mailbox.Name)
            && mailbox.Address == trimmed && TryFrom(mailbox, out address);
    }

    public static bool IsValid(string? text) => TryParse(text, out _);

    /// <summary>
    /// A mailbox MimeKit read is one we send to when it has a local part and a domain with a dot
    /// ("anna@localhost" reaches nobody outside) and fits the columns.
    /// </summary>
    public static bool TryFrom(MailboxAddress mailbox, out EmailAddress address)
    {
        address = default;
        var text = mailbox.Address.Trim();
        var at = text.LastIndexOf('@');
        if (at <= 0 || text.Length > MaxLength) return false;
        var domain = text[(at + 1)..];
        if (!domain.Contains('.') || domain.StartsWith('.') || domain.EndsWith('.')) return false;
        address = new EmailAddress(text);
        return true;
    }

    internal static ParserOptions WithUnquotedCommas(bool allowed)
    {
        var options = ParserOptions.Default.Clone();
        options.AllowAddressesWithoutDomain = false;
        // True reads Outlook's unquoted "Lund, Per <per.lund@example.org>" as one mailbox.
        options.AllowUnquotedCommasInAddresses = allowed;
        return options;
    }
}
