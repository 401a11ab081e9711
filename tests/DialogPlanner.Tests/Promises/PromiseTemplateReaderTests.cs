using System.Text;
using DialogPlanner.Web.Features.Promises;

namespace DialogPlanner.Tests.Promises;

public sealed class PromiseTemplateReaderTests
{
    private static PromiseTemplateReader.Result Read(string json) => PromiseTemplateReader.Read(Encoding.UTF8.GetBytes(json.ReplaceLineEndings("\n")));

    private const string Valid = """
        {
          "municipality": "Ljungby",
          "year": 2024,
          "title": "Medborgarlöfte 2024",
          "focusAreas": [
            {
              "title": "Trafik",
              "pledges": [
                { "text": "Polisen genomför kontroller.", "responsible": "Polis", "yearlyTarget": 12 },
                { "text": "Dialogmöten.", "responsible": "Kommun och polis", "eventType": "DialogueMeeting", "yearlyTarget": 2 }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void ValidTemplate_HasNoErrors()
    {
        var result = Read(Valid);
        Assert.True(result.Ok, string.Join("; ", result.Errors));
        Assert.Equal(2, result.Template!.FocusAreas![0].Pledges!.Count);
    }

    [Fact]
    public void BrokenJson_IsReportedAtItsLine()
    {
        var result = Read(Valid.Replace("\"year\": 2024,", "\"year\": 2024"));
        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Line);
        Assert.StartsWith("ogiltig JSON", error.Message);
        Assert.Null(result.Template);
    }

    [Fact]
    public void UnknownField_IsReportedWithItsPath()
    {
        var result = Read(Valid.Replace("\"yearlyTarget\": 12", "\"yearlyTargte\": 12"));
        var error = Assert.Single(result.Errors);
        Assert.Contains("okänt fält", error.Message);
        Assert.Equal(9, error.Line);
        Assert.Contains("focusAreas[0].pledges[0]", error.Path);
    }

    [Fact]
    public void WrongValues_AreAllReported_WithLineAndField()
    {
        var result = Read(Valid
            .Replace("\"Polis\", \"yearlyTarget\": 12", "\"Polisen\", \"yearlyTarget\": 0")
            .Replace("\"eventType\": \"DialogueMeeting\", \"yearlyTarget\": 2", "\"eventType\": \"Picnic\"")
            .Replace("\"year\": 2024", "\"year\": 1900"));

        Assert.False(result.Ok);
        Assert.Equal(
        [
            "rad 3, $.year: årtal mellan 2000 och 2100 krävs.",
            "rad 9, $.focusAreas[0].pledges[0].responsible: ansvarig måste vara \"Kommun\", \"Polis\", \"Kommun och polis\".",
            "rad 9, $.focusAreas[0].pledges[0].yearlyTarget: antal per år måste vara mellan 1 och 366.",
            "rad 10, $.focusAreas[0].pledges[1].eventType: okänd händelsetyp; använd DialogueMeeting, SafetyWalk, LandlordMeeting, CentreAssociationMeeting, NeighbourhoodWatchMeeting, FarmWalk.",
            "rad 10, $.focusAreas[0].pledges[1].yearlyTarget: ett löfte med händelsetyp behöver antal per år.",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void MissingPledges_AreReportedAtTheFocusArea()
    {
        var result = Read("""
            {
              "municipality": "Ljungby", "year": 2024, "title": "T",
              "focusAreas": [ { "title": "Tom" } ]
            }
            """);
        var error = Assert.Single(result.Errors);
        Assert.Equal((3, "$.focusAreas[0].pledges"), (error.Line, error.Path));
    }
}
