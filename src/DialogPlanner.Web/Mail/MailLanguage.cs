using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Mail;

/// <summary>
/// The language of one e-mail's recipient, rather than of the current request: the folder of its templates,
/// the UI's own texts in that language (so a mail says exactly what the pages say, "Pågår" / "In progress"),
/// and how dates and times are written. Swedish unless the recipient chose English.
/// </summary>
public sealed class MailLanguage : IStringLocalizer
{
    private static readonly ResourceManager Translations = new("DialogPlanner.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    public static readonly MailLanguage Swedish = new("sv", CultureInfo.GetCultureInfo("sv-SE"));
    public static readonly MailLanguage English = new("en", CultureInfo.GetCultureInfo("en-GB"));

    private MailLanguage(string code, CultureInfo culture) => (Code, Culture) = (code, culture);

    /// <summary>"sv" or "en": the folder of the e-mail templates.</summary>
    public string Code { get; }
    public CultureInfo Culture { get; }
    public bool IsEnglish => this == English;

    /// <summary>The language stored with a contact or invitation ("sv", "en", "en-GB", ...); anything else is Swedish.</summary>
    public static MailLanguage Of(string? language) => language is not null && language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Swedish;

    public LocalizedString this[string name]
    {
        get
        {
            var translated = IsEnglish ? Translations.GetString(name, Culture) : null;
            return new LocalizedString(name, translated ?? name, resourceNotFound: IsEnglish && translated is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments] =>
        new(name, string.Format(Culture, this[name].Value, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];

    /// <summary>A due date or similar, e.g. "15 januari 2027" / "15 January 2027".</summary>
    public string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    /// <summary>The date of a Stockholm time, e.g. "12 mars 2026".</summary>
    public string Date(DateTime time) => time.ToString("d MMMM yyyy", Culture);

    /// <summary>The day of a Stockholm time, e.g. "torsdag 12 mars 2026" / "Thursday 12 March 2026".</summary>
    public string Day(DateTime time) => time.ToString("dddd d MMMM yyyy", Culture);

    /// <summary>A Stockholm time, e.g. "söndag 29 mars 2026 kl. 10:00" / "Sunday 29 March 2026, 10:00".</summary>
    public string DayAndTime(DateTime time) =>
        time.ToString(IsEnglish ? "dddd d MMMM yyyy, HH:mm" : "dddd d MMMM yyyy 'kl.' HH:mm", Culture);

    /// <summary>The clock time alone, e.g. "12:00".</summary>
    public string Time(DateTime time) => time.ToString("HH:mm", Culture);
}
