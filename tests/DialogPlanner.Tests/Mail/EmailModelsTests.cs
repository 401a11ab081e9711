using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Invitations;
using DialogPlanner.Web.Features.Accounts;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Features.Tasks;
using DialogPlanner.Web.Features.Walks;
using DialogPlanner.Web.Mail;
using Fluid;

namespace DialogPlanner.Tests.Mail;

/// <summary>
/// Each kind of mail has a typed model, and its templates use only what that model has: a misspelt value
/// would otherwise go out as an empty text, silently.
/// </summary>
public sealed class EmailModelsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dialogplanner-templates-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private const string Privacy = "https://dialog.test/kommun/ljungby/personuppgifter";

    /// <summary>A model of each kind with every value filled in, so that every branch of the templates is read.</summary>
    private static IEmailModel ModelOf(string kind) => kind switch
    {
        "invitation" or "update" or "cancellation" or "reminder" =>
            InvitationEmailModel.Create(Sample.Request(Enum.Parse<InvitationKind>(kind, ignoreCase: true)), Sample.Links),
        TaskMail.Assigned or TaskMail.Overdue => new TaskEmailModel(
            Title: "Byt lampor", DescriptionLines: ["Två trasiga"], Organisation: "Gatuavdelningen", Municipality: "Ljungby",
            DueDate: "15 januari 2027", Priority: "Hög", Status: "Tilldelad", TaskUrl: "https://dialog.test/tasks/7", PrivacyUrl: Privacy, RecipientName: "Gunnel",
            Walks: ["Vandring Replösa, 12 mars 2026"], Findings: [new("Belysning", "Trasig lampa", "Tunneln")]),
        WalkFeedback.Kind => new WalkFeedbackEmailModel(
            Title: "Vandring Replösa", Municipality: "Ljungby", When: "torsdag 12 mars 2026", Location: "Replösa torg", RecipientName: "Karin",
            ProtocolUrl: "https://dialog.test/kommun/ljungby/vandringar/3", PrivacyUrl: Privacy,
            Items: [new(Number: 1, Category: "Belysning", Description: "Trasig lampa", Place: "Tunneln", Action: "Byt lampor (Gatuavdelningen)",
                Status: "Klar", Result: "Utbytt", ReportedByYou: true)]),
        AccountMail.Invitation => new UserInvitationEmailModel(
            RecipientName: "Anna", Email: "anna@ljungby.example", InvitedBy: "Admin", Roles: "Samordnare",
            SetPasswordUrl: "https://dialog.test/account/set-password?user=1&token=x", ValidUntil: "10 december 2026", SignInUrl: "https://dialog.test/account/login", PrivacyUrl: Privacy),
        AccountMail.PasswordReset => new PasswordResetEmailModel(
            RecipientName: "Anna", Email: "anna@ljungby.example", ResetUrl: "https://dialog.test/account/reset-password?user=1&token=x", ValidHours: 2, PrivacyUrl: Privacy),
        _ => throw new Xunit.Sdk.XunitException($"templates/email has a kind without a model: {kind}"),
    };

    public static TheoryData<string, string> Templates()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in new[] { "sv", "en" })
            foreach (var file in Directory.GetFiles(Repo.PathOf("templates", "email", language), "*.subject").Order())
                data.Add(language, Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory, MemberData(nameof(Templates))]
    public void EveryTemplate_UsesOnlyWhatItsModelHas(string language, string kind)
    {
        var templates = new EmailTemplates(Repo.PathOf("templates", "email"), strict: true);
        var rendered = templates.Render(MailLanguage.Of(language), kind, ModelOf(kind));
        Assert.False(string.IsNullOrWhiteSpace(rendered.Subject));
        Assert.Contains($"<html lang=\"{language}\">", rendered.Html);
        // Every mail says where the municipality's privacy notice is (GDPR's duty to inform), in text and HTML.
        var privacy = ModelOf(kind) is InvitationEmailModel ? Sample.Privacy : Privacy;
        Assert.Contains(privacy, rendered.Text);
        Assert.Contains($"href=\"{privacy}\"", rendered.Html);
    }

    [Fact]
    public void AValueTheModelLacks_IsNamed()
    {
        foreach (var extension in new[] { ".subject", ".txt", ".html" })
        {
            Directory.CreateDirectory(Path.Combine(folder, "sv"));
            File.WriteAllText(Path.Combine(folder, "sv", "task-assigned" + extension), "{{ title }} {% for f in findings %}{{ f.plats }}{% endfor %}");
        }
        var model = ModelOf(TaskMail.Assigned);
        var error = Assert.Throws<FluidException>(() => new EmailTemplates(folder, strict: true).Render(MailLanguage.Swedish, TaskMail.Assigned, model));
        Assert.Contains("plats", error.Message);
        // Without strict (as the app runs): an organiser's typo leaves a gap, not a failed mail.
        Assert.Equal("Byt lampor", new EmailTemplates(folder).Render(MailLanguage.Swedish, TaskMail.Assigned, model).Subject);
    }
}
