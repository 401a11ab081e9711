using DialogPlanner.Tests.Infrastructure;
using DialogPlanner.Tests.Invitations;
using DialogPlanner.Web.Features.Invitations;
using DialogPlanner.Web.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace DialogPlanner.Tests.Mail;

/// <summary>Organisers edit the e-mail templates as files; the app finds them and notices the edits.</summary>
public sealed class EmailTemplatesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("dialogplanner-templates-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void AnEditedTemplate_IsUsedForTheNextMail()
    {
        Write("sv/note.subject", "Första {{ title }}");
        var templates = new EmailTemplates(folder);
        Assert.Equal("Första Möte", templates.Render(MailLanguage.Of("sv"), "note", Model()).Subject);
        Assert.Equal("Första Möte", templates.Render(MailLanguage.Of("sv"), "note", Model()).Subject);

        Write("sv/note.subject", "Andra {{ title }}", File.GetLastWriteTimeUtc(Path.Combine(folder, "sv", "note.subject")).AddSeconds(2));
        Assert.Equal("Andra Möte", templates.Render(MailLanguage.Of("sv"), "note", Model()).Subject);
    }

    [Fact]
    public void AnUnknownLanguage_GetsSwedish()
    {
        Write("sv/note.subject", "Svenska");
        Assert.Equal("Svenska", new EmailTemplates(folder).Render(MailLanguage.Of("de"), "note", Model()).Subject);
    }

    [Fact]
    public void ASubjectOverSeveralLines_BecomesOneLine()
    {
        Write("sv/note.subject", "Inbjudan:\n{{ title }}\n");
        Assert.Equal("Inbjudan: Möte", new EmailTemplates(folder).Render(MailLanguage.Of("sv"), "note", Model()).Subject);
    }

    [Fact]
    public void AMissingOrBrokenTemplate_NamesTheFile()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => new EmailTemplates(folder).Render(MailLanguage.Of("sv"), "note", Model()));
        Assert.Contains(Path.Combine(folder, "sv", "note.subject"), missing.Message);
        Write("sv/note.subject", "{% if title %}ingen slut-tagg");
        var broken = Assert.Throws<InvalidOperationException>(() => new EmailTemplates(folder).Render(MailLanguage.Of("sv"), "note", Model()));
        Assert.Contains("note.subject", broken.Message);
    }

    [Fact]
    public void EveryKind_HasItsThreeTemplates_InBothLanguages()
    {
        var templates = new EmailTemplates(Repo.PathOf("templates", "email"));
        foreach (var language in new[] { "sv", "en" })
            foreach (var kind in Enum.GetNames<InvitationKind>())
            {
                var rendered = templates.Render(MailLanguage.Of(language), kind.ToLowerInvariant(), Model());
                Assert.Contains("Möte", rendered.Subject);
                Assert.Contains("Möte", rendered.Text);
                Assert.Contains($"<html lang=\"{language}\">", rendered.Html);
            }
    }

    [Fact]
    public void TheFolder_IsConfigurable_RelativeToTheContentRoot()
    {
        Assert.Equal(Path.Combine(folder, "mail"), EmailTemplates.FindFolder("mail", folder));
        Assert.Equal("/srv/mallar", EmailTemplates.FindFolder("/srv/mallar", folder));
    }

    [Fact]
    public void Unconfigured_TheCopyBesideTheBinaries_IsUsed()
    {
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, "templates", "email");
        Assert.True(File.Exists(Path.Combine(besideBinaries, "sv", "invitation.html")), "templates/email is copied into the build output");
        Assert.Equal(besideBinaries, EmailTemplates.FindFolder(null, folder));
    }

    [Fact]
    public async Task TheApp_ProvidesTheMailBuilder_WithTheTemplatesFolder()
    {
        await using var app = await AppFactory.StartAsync("Sqlite");
        var templates = app.Services.GetRequiredService<EmailTemplates>();
        Assert.True(File.Exists(Path.Combine(templates.Folder, "sv", "invitation.html")));
        using var scope = app.Services.CreateScope();
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<InvitationMail>().Build(Sample.Request(InvitationKind.Invitation)));
    }

    /// <summary>Writes a template file; the other two of its kind, when missing, just show the title.</summary>
    private void Write(string name, string text, DateTime? writtenAtUtc = null)
    {
        foreach (var other in new[] { ".subject", ".txt", ".html" }.Select(e => Path.Combine(folder, Path.ChangeExtension(name, e))))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(other)!);
            if (!File.Exists(other)) File.WriteAllText(other, "{{ title }}");
        }
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        if (writtenAtUtc is not null) File.SetLastWriteTimeUtc(path, writtenAtUtc.Value);
    }

    private static InvitationEmailModel Model() =>
        InvitationEmailModel.Create(Sample.Request(InvitationKind.Invitation, WithTitle("Möte")), Sample.Links);

    private static Web.Features.Events.Event WithTitle(string title)
    {
        var ev = Sample.Walk();
        ev.Title = title;
        return ev;
    }
}
