using System.Text;
using System.Text.Json;
using DialogPlanner.Web.Features.Events;
using Microsoft.Extensions.Localization;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>
/// Reads a promise template and reports every problem with its line and field, so an organiser
/// can fix the file; a template with any error is never imported.
/// </summary>
public static class PromiseTemplateReader
{
    public sealed record Result(PromiseTemplate? Template, IReadOnlyList<TemplateError> Errors)
    {
        public bool Ok => Template is not null && Errors.Count == 0;
    }

    /// <param name="localizer">The UI's language for the messages; without one (command line, seeding) they are Swedish.</param>
    public static Result Read(byte[] utf8, IStringLocalizer? localizer = null)
    {
        var t = new Texts(localizer);
        // A BOM is common from Windows editors and harmless.
        var json = utf8.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? utf8[3..] : utf8;
        PromiseTemplate? template;
        try
        {
            template = JsonSerializer.Deserialize<PromiseTemplate>(json, TemplateJson.Options);
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? -1) + 1;
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            return new Result(null, [new TemplateError(line, path, Explain(ex, t))]);
        }
        if (template is null) return new Result(null, [new TemplateError(1, "$", t["Filen är tom."])]);

        var lines = JsonLineIndex.Build(json);
        var errors = new List<TemplateError>();
        void Check(bool ok, string path, string message)
        {
            if (!ok) errors.Add(new TemplateError(lines.LineOf(path), path, message));
        }
        static bool Text(string? s, int max) => !string.IsNullOrWhiteSpace(s) && s.Length <= max;

        Check(Text(template.Municipality, 100), "$.municipality", t["kommunens namn krävs (högst 100 tecken)."]);
        Check(template.Year is >= 2000 and <= 2100, "$.year", t["årtal mellan 2000 och 2100 krävs."]);
        Check(Text(template.Title, 200), "$.title", t["titel krävs (högst 200 tecken)."]);
        Check((template.Introduction?.Length ?? 0) <= 4000, "$.introduction", t["högst 4000 tecken."]);
        Check(template.FocusAreas is { Count: > 0 }, "$.focusAreas", t["minst ett fokusområde krävs."]);
        for (var i = 0; i < (template.FocusAreas?.Count ?? 0); i++)
        {
            var area = template.FocusAreas![i];
            var at = $"$.focusAreas[{i}]";
            Check(Text(area.Title, 300), at + ".title", t["fokusområdets rubrik krävs (högst 300 tecken)."]);
            Check((area.Description?.Length ?? 0) <= 4000, at + ".description", t["högst 4000 tecken."]);
            Check(area.Pledges is { Count: > 0 }, at + ".pledges", t["minst ett löfte krävs."]);
            for (var j = 0; j < (area.Pledges?.Count ?? 0); j++)
            {
                var pledge = area.Pledges![j];
                var pat = $"{at}.pledges[{j}]";
                Check(Text(pledge.Text, 1000), pat + ".text", t["löftets text krävs (högst 1000 tecken)."]);
                Check(pledge.Responsible is not null && PledgeTemplate.Parties.ContainsKey(pledge.Responsible), pat + ".responsible",
                    t["ansvarig måste vara {0}.", string.Join(", ", PledgeTemplate.Parties.Keys.Select(k => $"\"{k}\""))]);
                Check(pledge.EventType is null || Enum.TryParse<EventType>(pledge.EventType, ignoreCase: false, out _), pat + ".eventType",
                    t["okänd händelsetyp; använd {0}.", string.Join(", ", Enum.GetNames<EventType>())]);
                Check(pledge.YearlyTarget is null or (>= 1 and <= 366), pat + ".yearlyTarget", t["antal per år måste vara mellan 1 och 366."]);
                Check(pledge.EventType is null || pledge.YearlyTarget is not null, pat + ".yearlyTarget", t["ett löfte med händelsetyp behöver antal per år."]);
                Check(pledge.TargetIsMinimum != true || pledge.YearlyTarget is not null, pat + ".targetIsMinimum", t["\"minst\" kräver antal per år."]);
            }
            var duplicate = area.Pledges?.GroupBy(p => p.Text?.Trim()).FirstOrDefault(g => g.Key is not null && g.Count() > 1);
            Check(duplicate is null, at + ".pledges", t["samma löfte står två gånger: \"{0}\".", duplicate?.Key ?? ""]);
        }
        return new Result(template, errors);
    }

    private static string Explain(JsonException ex, Texts t)
    {
        var message = ex.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
            return t["okänt fält (stavfel?). Tillåtna fält finns i promise.schema.json."];
        if (message.Contains("could not be converted", StringComparison.Ordinal))
            return t["fel typ av värde (t.ex. text där ett tal ska stå)."];
        // The parser's own words say what broke: keep them, behind a Swedish lead.
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return t["ogiltig JSON: {0}", cut > 0 ? message[..cut] : message];
    }

    /// <summary>The localizer when there is one, otherwise the Swedish text itself (the key) with its values filled in.</summary>
    private readonly struct Texts(IStringLocalizer? localizer)
    {
        public string this[string swedish, params object[] values] =>
            localizer?[swedish, values].Value ?? string.Format(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), swedish, values);
    }
}
