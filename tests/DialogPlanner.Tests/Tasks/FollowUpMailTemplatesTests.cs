using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Mail;

namespace DialogPlanner.Tests.Tasks;

/// <summary>The task and feedback mails have their three templates in both languages, and values are encoded in the HTML.</summary>
public sealed class FollowUpMailTemplatesTests
{
    private static TaskEmailModel TaskModel() => new(
        Title: "Lampa <trasig> & mörk", DescriptionLines: ["Rad ett"], Organisation: "Gatuavdelningen", Municipality: "Ljungby",
        DueDate: "15 januari 2027", Priority: "Hög", Status: "Pågår", TaskUrl: "https://dialog.test/tasks/7", PrivacyUrl: "https://dialog.test/kommun/ljungby/personuppgifter", RecipientName: "",
        Walks: ["Vandring Replösa, 12 mars 2026"], Findings: [new("Belysning", "Trasig lampa", "")]);

    private static WalkFeedbackEmailModel FeedbackModel() => new(
        Title: "Lampa <trasig> & mörk", Municipality: "Ljungby", When: "torsdag 12 mars 2026", Location: "Torget", RecipientName: "",
        ProtocolUrl: "https://dialog.test/kommun/ljungby/vandringar/3", PrivacyUrl: "https://dialog.test/kommun/ljungby/personuppgifter",
        Items: [new(Number: 1, Category: "Belysning", Description: "Trasig lampa", Place: "Tunneln", Action: "", Status: "Ej behandlad", Result: "", ReportedByYou: false)]);

    [Theory]
    [InlineData("task-assigned", "https://dialog.test/tasks/7")]
    [InlineData("task-overdue", "https://dialog.test/tasks/7")]
    [InlineData("walk-feedback", "https://dialog.test/kommun/ljungby/vandringar/3")]
    public void EachKind_RendersInBothLanguages_WithItsLink_AndEncodedValues(string kind, string link)
    {
        var templates = new EmailTemplates(Repo.PathOf("templates", "email"));
        IEmailModel model = kind == WalkFeedback.Kind ? FeedbackModel() : TaskModel();
        foreach (var language in new[] { "sv", "en" })
        {
            var rendered = templates.Render(MailLanguage.Of(language), kind, model);
            Assert.Contains("Lampa <trasig> & mörk", rendered.Subject);
            Assert.Contains(link, rendered.Text);
            Assert.Contains($"href=\"{link}\"", rendered.Html);
            Assert.Contains($"<html lang=\"{language}\">", rendered.Html);
            Assert.Contains("Lampa &lt;trasig&gt; &amp; mörk", rendered.Html);
            Assert.Contains("Trasig lampa", rendered.Text);
        }
    }
}
