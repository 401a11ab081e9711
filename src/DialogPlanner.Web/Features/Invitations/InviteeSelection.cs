using System.Net.Mail;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>Free e-mail addresses typed by an organiser: one per line, or separated by commas or semicolons.</summary>
public static class InviteeSelection
{
    public sealed record ParsedAddress(string Email, string? Name);

    /// <summary>The addresses, and the pieces that are not addresses (to show back to the organiser).</summary>
    public static (List<ParsedAddress> Valid, List<string> Invalid) ParseFreeAddresses(string? text)
    {
        var valid = new List<ParsedAddress>();
        var invalid = new List<string>();
        foreach (var piece in (text ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Accepts "anna@example.se" and "Anna Svensson <anna@example.se>".
            if (MailAddress.TryCreate(piece, out var address) && address.Host.Contains('.') && address.Address.Length <= 254)
                valid.Add(new ParsedAddress(address.Address, string.IsNullOrWhiteSpace(address.DisplayName) ? null : address.DisplayName.Trim()));
            else
                invalid.Add(piece);
        }
        return (valid, invalid);
    }

    /// <summary>Case-insensitive e-mail key, so "Anna@X.se" and "anna@x.se" are one invitee.</summary>
    public static string Key(string email) => email.Trim().ToLowerInvariant();
}
