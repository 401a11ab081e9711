using System.Text;
using MimeKit;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>
/// Free e-mail addresses as organisers paste them from Outlook, Exchange, Gmail or Apple Mail: one
/// per line or separated by commas or semicolons, with display names quoted or not, with commas and
/// å, ä, ö in them. MimeKit reads the list; we only find where an entry it cannot read begins and
/// ends, so that each one is shown back by itself.
/// </summary>
public static class InviteeSelection
{
    /// <summary>More than fits in the box of a form; bounds the work a hostile post can cause (see ParseFreeAddresses).</summary>
    public const int MaxLength = 50_000;

    /// <summary>Past this many, a list is not what the organiser meant to paste: the first ones are enough to show that.</summary>
    public const int MaxInvalidShown = 50;

    private static readonly ParserOptions CommasSeparate = EmailAddress.WithUnquotedCommas(false);

    public sealed record ParsedAddress(string Email, string? Name);

    /// <summary>The addresses, and the entries that are not addresses (to show back to the organiser).</summary>
    /// <param name="MoreInvalid">Further entries are not addresses than the <see cref="MaxInvalidShown"/> in Invalid.</param>
    public sealed record ParsedAddresses(List<ParsedAddress> Valid, List<string> Invalid, bool MoreInvalid)
    {
        public void Deconstruct(out List<ParsedAddress> valid, out List<string> invalid) => (valid, invalid) = (Valid, Invalid);
    }

    /// <remarks>
    /// One MimeKit exception per semicolon (Outlook's separator, and a group's end to MimeKit) and per
    /// bad entry: the longest text accepted, all semicolons, reads in well under a second.
    /// </remarks>
    public static ParsedAddresses ParseFreeAddresses(string? text)
    {
        var reader = new Reader(Encoding.UTF8.GetBytes(text ?? ""));
        reader.Read(0, reader.Buffer.Length, EmailAddress.Lenient);
        // Something that was neither: e.g. "undisclosed-recipients:;" or "a:b:c:", which MimeKit reads as empty groups.
        if (reader.Valid.Count == 0 && reader.Invalid.Count == 0 && (text ?? "").Any(char.IsLetterOrDigit)) reader.Report(0, reader.Buffer.Length);
        return new ParsedAddresses(reader.Valid, reader.Invalid, reader.MoreInvalid);
    }

    private static bool IsSeparator(byte b) => b is (byte)',' or (byte)';' or (byte)'\n' or (byte)'\r';

    private sealed class Reader(byte[] buffer)
    {
        public byte[] Buffer => buffer;
        public List<ParsedAddress> Valid { get; } = [];
        public List<string> Invalid { get; } = [];
        public bool MoreInvalid { get; private set; }

        private bool Full => Invalid.Count >= MaxInvalidShown;

        /// <summary>Reads [start, end) as a list; where MimeKit stops, the entry it stopped in is dealt with and reading goes on after it.</summary>
        public void Read(int start, int end, ParserOptions options)
        {
            while (true)
            {
                while (start < end && (IsSeparator(buffer[start]) || buffer[start] is (byte)' ' or (byte)'\t')) start++;
                if (start >= end) return;
                if (Full)
                {
                    MoreInvalid = true;
                    return;
                }
                try
                {
                    Add(InternetAddressList.Parse(options, buffer, start, end - start));
                    return;
                }
                catch (ParseException e)
                {
                    // The entry MimeKit stopped in ends at the next separator.
                    var stop = Math.Clamp(e.ErrorIndex, start, end);
                    while (stop < end && !IsSeparator(buffer[stop])) stop++;
                    Entry(start, stop, Math.Clamp(e.TokenIndex, start, stop), options);
                    start = stop + 1;
                }
            }
        }

        /// <summary>[start, stop) did not read as a list; <paramref name="token"/> is where the failing token began.</summary>
        private void Entry(int start, int stop, int token, ParserOptions options)
        {
            // MimeKit stopped at a semicolon: to it the end of a group, to Outlook the next address.
            if (TryAdd(start, stop, options)) return;
            // Otherwise the failing entry starts after the separator before the token; what precedes it reads.
            var from = token;
            while (from > start && !IsSeparator(buffer[from - 1])) from--;
            if (from > start && !TryAdd(start, from - 1, options)) from = start;
            var entry = buffer.AsSpan(from, stop - from);
            // To MimeKit a line break is folding whitespace; in pasted text it always ends an entry.
            if (entry.IndexOfAny((byte)'\n', (byte)'\r') is var lineBreak and >= 0)
            {
                Read(from, from + lineBreak, options);
                Read(from + lineBreak + 1, stop, options);
            }
            // Commas taken as part of a name ("Lund, Per <…>") may have joined several bad entries: each by itself.
            else if (options == EmailAddress.Lenient && entry.Contains((byte)',')) Read(from, stop, CommasSeparate);
            else Report(from, stop);
        }

        private bool TryAdd(int start, int end, ParserOptions options)
        {
            if (!InternetAddressList.TryParse(options, buffer, start, end - start, out var list)) return false;
            Add(list);
            return true;
        }

        private void Add(InternetAddressList list)
        {
            // Group syntax ("Styrelsen: a@x.se, b@x.se;") contributes its members.
            foreach (var mailbox in list.Mailboxes)
            {
                if (EmailAddress.TryFrom(mailbox, out var address))
                    Valid.Add(new ParsedAddress(address.Address, string.IsNullOrWhiteSpace(mailbox.Name) ? null : mailbox.Name.Trim()));
                else if (Full)
                    MoreInvalid = true;
                else
                    Invalid.Add(string.IsNullOrWhiteSpace(mailbox.Name) ? mailbox.Address : mailbox.ToString());
            }
        }

        public void Report(int start, int end)
        {
            var text = Encoding.UTF8.GetString(buffer, start, end - start).Trim();
            if (text.Length == 0) return;
            if (Full) MoreInvalid = true;
            else Invalid.Add(text.Length <= 100 ? text : text[..(char.IsHighSurrogate(text[98]) ? 98 : 99)] + "…");
        }
    }
}
