using System.Globalization;
using System.Text;
using Ical.Net.Serialization;
using Calendar = Ical.Net.Calendar;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>Serialises an Ical.Net calendar so that every client reads it, around two flaws of Ical.Net 5.2.4.</summary>
public static class IcsText
{
    public const int MaxLineOctets = 75;

    public static string Write(Calendar calendar)
    {
        // Ical.Net formats numbers in the current culture: under sv-SE the time zone rule
        // BYDAY=-1SU comes out with a Unicode minus sign, which no parser accepts.
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var text = new CalendarSerializer().SerializeToString(calendar)
                       ?? throw new InvalidOperationException("Ical.Net wrote no text for the calendar.");
            return Refold(text);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>
    /// Ical.Net folds between the two UTF-16 halves of an emoji, which UTF-8 cannot encode; so the
    /// lines are unfolded and folded again at 75 octets, always between whole characters (RFC 5545 3.1).
    /// </summary>
    public static string Refold(string text)
    {
        var folded = new StringBuilder(text.Length + text.Length / 60 * 3);
        foreach (var line in Unfold(text).Split("\r\n"))
        {
            if (line.Length == 0) continue;
            var octets = 0;
            for (var i = 0; i < line.Length;)
            {
                Rune.DecodeFromUtf16(line.AsSpan(i), out var rune, out var chars);
                if (octets + rune.Utf8SequenceLength > MaxLineOctets)
                {
                    folded.Append("\r\n ");
                    octets = 1; // the space that marks the continuation
                }
                folded.Append(line, i, chars);
                octets += rune.Utf8SequenceLength;
                i += chars;
            }
            folded.Append("\r\n");
        }
        return folded.ToString();
    }

    public static string Unfold(string text) => text.Replace("\r\n ", "").Replace("\r\n\t", "");
}
