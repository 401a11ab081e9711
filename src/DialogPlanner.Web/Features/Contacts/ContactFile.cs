using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Ical.Net.Serialization;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Contacts;

/// <summary>One person read from an imported file, with where they were in it (a line of a CSV file, a card of a vCard file).</summary>
public sealed record ImportedContact(int Position, string Name, string Email, string? Phone);

/// <summary>
/// A CSV or vCard file of contacts as Outlook, Gmail, Apple Contacts and Excel write them, read by libraries:
/// CsvHelper for CSV (comma or semicolon, found by itself) and Ical.Net's content-line reader for vCard, whose lines,
/// folding, escaping and parameters follow the same grammar as iCalendar (docs/decisions/0021).
/// Each entry without a usable address is reported by itself; the others are returned, duplicates by address once.
/// </summary>
public sealed record ContactFile(IReadOnlyList<ImportedContact> Contacts, IReadOnlyList<string> Problems)
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxContacts = 5_000;

    private static readonly string[] NameColumns = ["namn", "name", "fullständigt namn", "full name", "display name", "visningsnamn"];
    private static readonly string[] FirstNameColumns = ["förnamn", "first name", "given name"];
    private static readonly string[] LastNameColumns = ["efternamn", "last name", "surname", "family name"];
    private static readonly string[] EmailColumns = ["e-post", "e-postadress", "epost", "email", "e-mail", "e-mail address", "email address", "e-mail 1 - value", "mail"];
    private static readonly string[] PhoneColumns = ["telefon", "mobil", "mobiltelefon", "phone", "mobile phone", "business phone", "telephone", "phone 1 - value"];

    public static ContactFile Read(byte[] bytes, IStringLocalizer t)
    {
        var text = Decode(bytes);
        var problems = new List<string>();
        var read = text.Contains("BEGIN:VCARD", StringComparison.OrdinalIgnoreCase) ? ReadVCards(text, problems, t) : ReadCsv(text, problems, t);
        var unique = new List<ImportedContact>();
        var seen = new HashSet<string>();
        foreach (var contact in read)
        {
            if (!seen.Add(EmailAddress.Normalize(contact.Email))) continue; // the same person twice in one file is one contact
            if (unique.Count == MaxContacts)
            {
                problems.Add(t["Filen har fler än {0} kontakter; dela upp den.", MaxContacts]);
                break;
            }
            unique.Add(contact);
        }
        if (unique.Count == 0 && problems.Count == 0) problems.Add(t["Filen innehåller inga kontakter."]);
        return new ContactFile(unique, problems);
    }

    /// <summary>UTF-8 (with or without BOM) as most exports are; else Latin-1, as Excel saves a Swedish "CSV" (å, ä and ö alike in both).</summary>
    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static List<ImportedContact> ReadCsv(string text, List<string> problems, IStringLocalizer t)
    {
        var contacts = new List<ImportedContact>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true, DetectDelimiterValues = [",", ";", "\t"], BadDataFound = null, MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
        };
        using var csv = new CsvReader(new StringReader(text), config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            problems.Add(t["Filen innehåller inga kontakter."]);
            return contacts;
        }
        int Column(string[] names) => Array.FindIndex(header, h => names.Contains(h.Trim().ToLowerInvariant()));
        var (name, first, last, email, phone) = (Column(NameColumns), Column(FirstNameColumns), Column(LastNameColumns), Column(EmailColumns), Column(PhoneColumns));
        if (email < 0)
        {
            problems.Add(t["Hittar ingen kolumn med e-postadresser. Första raden ska ha rubriker, till exempel ”Namn;E-post;Telefon”."]);
            return contacts;
        }
        while (csv.Read())
        {
            string? Field(int index) => index >= 0 && csv.TryGetField<string>(index, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
            var row = csv.Parser.RawRow;
            var fullName = Field(name) ?? string.Join(' ', new[] { Field(first), Field(last) }.Where(x => x is not null));
            Add(contacts, problems, t, t["rad {0}", row], row, fullName, Field(email), Field(phone));
            if (contacts.Count > MaxContacts) break;
        }
        return contacts;
    }

    private static List<ImportedContact> ReadVCards(string text, List<string> problems, IStringLocalizer t)
    {
        var contacts = new List<ImportedContact>();
        List<Ical.Net.CalendarComponents.CalendarComponent> cards;
        try
        {
            cards = SimpleDeserializer.Default.Deserialize(new StringReader(text)).OfType<Ical.Net.CalendarComponents.CalendarComponent>()
                .Where(c => string.Equals(c.Name, "VCARD", StringComparison.OrdinalIgnoreCase)).ToList();
        }
        catch (Exception e) when (e is System.Runtime.Serialization.SerializationException or FormatException or ArgumentException)
        {
            problems.Add(t["Filen kunde inte läsas som vCard."]);
            return contacts;
        }
        for (var i = 0; i < cards.Count && contacts.Count <= MaxContacts; i++)
        {
            var properties = cards[i].Properties;
            IEnumerable<Ical.Net.ICalendarProperty> All(string property) => properties.Where(p => string.Equals(p.Name, property, StringComparison.OrdinalIgnoreCase));
            string? Value(string property) => All(property).FirstOrDefault()?.Value?.ToString()?.Trim() is { Length: > 0 } value ? value : null;
            // The preferred address when the card marks one (TYPE=PREF in vCard 3, PREF=1 in vCard 4), else the first.
            var emails = All("EMAIL").ToList();
            var preferred = emails.FirstOrDefault(p => p.Parameters.Any(x => x.Name.Equals("PREF", StringComparison.OrdinalIgnoreCase)
                                                                            || x.Values.Any(v => v?.Equals("PREF", StringComparison.OrdinalIgnoreCase) == true))) ?? emails.FirstOrDefault();
            var structured = Value("N")?.Split(';') is { Length: >= 2 } n ? $"{n[1]} {n[0]}".Trim() : null;
            Add(contacts, problems, t, t["kort {0}", i + 1], i + 1, Value("FN") ?? structured ?? "", preferred?.Value?.ToString()?.Trim(), Value("TEL"));
        }
        return contacts;
    }

    private static void Add(List<ImportedContact> contacts, List<string> problems, IStringLocalizer t, string where, int position, string name, string? email, string? phone)
    {
        if (email is null) problems.Add(t["{0}: ingen e-postadress ({1}).", where, name.Length > 0 ? name : "–"]);
        else if (!EmailAddress.IsValid(email)) problems.Add(t["{0}: ”{1}” är inte en e-postadress.", where, email]);
        else
            contacts.Add(new ImportedContact(position, Clip(name.Length > 0 ? name : email, 200), email.Trim(), phone is null ? null : Clip(phone, 40)));
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
