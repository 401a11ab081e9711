using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Invitations;

namespace DialogPlanner.Tests.Tasks;

/// <summary>The task and feedback mails have their three templates in both languages, and values are encoded in the HTML.</summary>
public sealed class FollowUpMailTemplatesTests
{
    private static Dictionary<string, object?> Model() => new()
    {
        ["title"] = "Lampa <trasig> & mörk", ["description_lines"] = new List<string> { "Rad ett" }, ["organisation"] = "Gatuavdelningen",
        ["municipality"] = "Ljungby", ["due_date"] = "15 januari 2027", ["priority"] = "Hög", ["status"] = "Pågår", ["task_url"] = "https://dialog.test/tasks/7",
        ["recipient_name"] = "", ["walks"] = new List<string> { "Vandring Replösa, 12 mars 2026" }, ["when"] = "torsdag 12 mars 2026", ["location"] = "Torget",
        ["protocol_url"] = "https://dialog.test/kommun/ljungby/vandringar/3",
        ["findings"] = new List<Dictionary<string, object?>> { new() { ["category"] = "Belysning", ["description"] = "Trasig lampa", ["place"] = "" } },
        ["items"] = new List<Dictionary<string, object?>>
        {
            new() { ["number"] = 1, ["category"] = "Belysning", ["description"] = "Trasig lampa", ["place"] = "Tunneln", ["action"] = "", ["status"] = "Ej behandlad", ["result"] = "", ["reported_by_you"] = false },
        },
    };

    [Theory]
    [InlineData("task-assigned", "https://dialog.test/tasks/7")]
    [InlineData("task-overdue", "https://dialog.test/tasks/7")]
    [InlineData("walk-feedback", "https://dialog.test/kommun/ljungby/vandringar/3")]
    public void EachKind_RendersInBothLanguages_WithItsLink_AndEncodedValues(string kind, string link)
    {
        var templates = new EmailTemplates(Repo.PathOf("templates", "email"));
        foreach (var language in new[] { "sv", "en" })
        {
            var rendered = templates.Render(language, kind, Model());
            Assert.Contains("Lampa <trasig> & mörk", rendered.Subject);
            Assert.Contains(link, rendered.Text);
            Assert.Contains($"href=\"{link}\"", rendered.Html);
            Assert.Contains($"<html lang=\"{language}\">", rendered.Html);
            Assert.Contains("Lampa &lt;trasig&gt; &amp; mörk", rendered.Html);
            Assert.Contains("Trasig lampa", rendered.Text);
        }
    }
}
