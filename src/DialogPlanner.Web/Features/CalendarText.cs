using System.Globalization;
using System.Text;
using Ical.Net.Serialization;
using Calendar = Ical.Net.Calendar;

namespace DialogPlanner.Web.Features;

/// <summary>Writes an Ical.Net calendar as .ics text that real clients read, working around two flaws of Ical.Net 5.2.4.</summary>
public static class CalendarText
{
    private const int MaxOctets = 75;

    public static string Write(Calendar calendar)
    {
        // Ical.Net formats numbers with the current culture; Swedish writes a Unicode minus sign
        // and a decimal comma, which breaks the time zone's BYDAY=-1SU and GEO.
        var culture = CultureInfo.CurrentCulture;
        string text;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            text = new CalendarSerializer().SerializeToString(calendar)
                   ?? throw new InvalidOperationException("Ical.Net returned no text for the calendar.");
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
        return Refold(text);
    }

    /// <summary>
    /// Ical.Net can fold a line between the two halves of an emoji, which UTF-8 cannot encode, so
    /// lines are unfolded and folded again at 75 octets, only ever between whole characters (RFC 5545 3.1).
    /// </summary>
    public static string Refold(string text)
    {
        var unfolded = text.Replace("\r\n ", "").Replace("\r\n\t", "");
        var output = new StringBuilder(text.Length + 64);
        foreach (var line in unfolded.Split("\r\n"))
        {
            if (line.Length == 0) continue;
            var octets = 0;
            foreach (var rune in line.EnumerateRunes())
            {
                if (octets + rune.Utf8SequenceLength > MaxOctets)
                {
                    output.Append("\r\n ");
                    octets = 1;
                }
                output.Append(rune.ToString());
                octets += rune.Utf8SequenceLength;
            }
            output.Append("\r\n");
        }
        return output.ToString();
    }
}
