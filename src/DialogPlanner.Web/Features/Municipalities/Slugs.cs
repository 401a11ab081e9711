using System.Globalization;
using System.Text;

namespace DialogPlanner.Web.Features.Municipalities;

public static class Slugs
{
    /// <summary>"Ljungby" → "ljungby", "Upplands Väsby" → "upplands-vasby", for public addresses.</summary>
    public static string From(string name)
    {
        var plain = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            plain.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }
        return string.Join('-', plain.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
    }
}
