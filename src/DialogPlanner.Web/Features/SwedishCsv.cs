using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace DialogPlanner.Web.Features;

/// <summary>CSV the way Swedish Excel opens it: semicolons, UTF-8 with BOM, and no formulas smuggled in through free text.</summary>
public static class SwedishCsv
{
    // Swedish Excel expects semicolons (the comma is the decimal sign) and needs the BOM to read UTF-8.
    private static readonly CsvConfiguration Config = new(CultureInfo.GetCultureInfo("sv-SE"))
    {
        Delimiter = ";",
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        // Notes are free text: a comment starting with "=" must not run as a formula in Excel.
        InjectionOptions = InjectionOptions.Escape,
    };

    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, Config.Encoding))
        using (var csv = new CsvWriter(writer, Config))
        {
            foreach (var name in header) csv.WriteField(name);
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var field in row) csv.WriteField(field);
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }
}
