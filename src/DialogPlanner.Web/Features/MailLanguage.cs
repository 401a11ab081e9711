using System.Globalization;
using System.Resources;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features;

/// <summary>
/// The UI's texts in the language of one e-mail's recipient rather than of the current request, so a
/// mail says exactly what the pages say ("Pågår" / "In progress"). Swedish unless the recipient chose English.
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
}
