using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;

namespace DialogPlanner.Web.Mail;

/// <summary>
/// The model of one kind of e-mail: a record whose properties are the values its templates use, by their
/// snake_case names (<c>AcceptUrl</c> is <c>{{ accept_url }}</c>). templates/email/README.md lists them for organisers.
/// </summary>
public interface IEmailModel;

/// <summary>
/// The Liquid e-mail templates under <c>templates/email/{sv|en}/</c>: <c>{kind}.subject</c>,
/// <c>{kind}.txt</c> and <c>{kind}.html</c>. They are files, so organisers can change the wording
/// without a new release; a parsed template is kept until its file changes.
/// </summary>
/// <param name="strict">A name the model lacks is an error instead of an empty text (for tests of the templates).</param>
public sealed class EmailTemplates(string folder, bool strict = false)
{
    public const string ConfigurationKey = "Email:TemplatesPath";
    private const string RelativeFolder = "templates/email";

    // Keep å, ä, ö and emoji as themselves; markup characters are still encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly FluidParser Parser = new();
    private static readonly MemberAccessStrategy Members = ModelMembers();
    private static readonly TemplateOptions Lenient = new() { MemberAccessStrategy = Members };
    private static readonly TemplateOptions Strict = new() { MemberAccessStrategy = Members, StrictVariables = true };
    private readonly ConcurrentDictionary<string, (DateTime WrittenAtUtc, IFluidTemplate Template)> cache = new();

    public string Folder { get; } = folder;

    /// <summary>
    /// The configured folder (relative to the content root), else the copy beside the binaries that
    /// a published app has, else the repository's folder found above the content root.
    /// </summary>
    public static string FindFolder(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured, contentRoot);
        var besideBinaries = Path.Combine(AppContext.BaseDirectory, RelativeFolder);
        if (Directory.Exists(besideBinaries)) return besideBinaries;
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativeFolder);
            if (Directory.Exists(candidate)) return candidate;
        }
        return besideBinaries; // missing: the first render names it
    }

    /// <param name="kind">The kind of e-mail, e.g. "invitation": the templates' file name.</param>
    public RenderedEmail Render(MailLanguage language, string kind, IEmailModel model)
    {
        var prefix = Path.Combine(Folder, language.Code, kind);
        var subject = Render(prefix + ".subject", model, NullEncoder.Default);
        // A header holds one line; an organiser's stray line break must not end it.
        subject = string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new RenderedEmail(subject, Render(prefix + ".txt", model, NullEncoder.Default), Render(prefix + ".html", model, Html));
    }

    private string Render(string path, IEmailModel model, TextEncoder encoder) =>
        Load(path).Render(new TemplateContext(model, strict ? Strict : Lenient), encoder);

    private IFluidTemplate Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"E-mail template {path} is missing (templates folder: set {ConfigurationKey}).", path);
        var writtenAtUtc = File.GetLastWriteTimeUtc(path);
        if (cache.TryGetValue(path, out var cached) && cached.WrittenAtUtc == writtenAtUtc) return cached.Template;
        if (!Parser.TryParse(File.ReadAllText(path), out var template, out var error))
            throw new InvalidOperationException($"E-mail template {path} has an error: {error}");
        cache[path] = (writtenAtUtc, template);
        return template;
    }

    /// <summary>
    /// Fluid reads the members of registered types only: every model of this app, and the records it holds
    /// (directly or in a list, such as the findings of a task mail), under their snake_case names.
    /// </summary>
    private static MemberAccessStrategy ModelMembers()
    {
        var members = new DefaultMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase };
        var assembly = typeof(IEmailModel).Assembly;
        var registered = new HashSet<Type>();
        void Register(Type type)
        {
            if (type.Assembly != assembly || !type.IsClass || !registered.Add(type)) return;
            members.Register(type);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var shown = property.PropertyType;
                var listed = shown.GetInterfaces().Append(shown)
                    .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
                Register(listed?.GetGenericArguments()[0] ?? shown);
            }
        }
        foreach (var model in assembly.GetTypes().Where(t => typeof(IEmailModel).IsAssignableFrom(t) && !t.IsInterface)) Register(model);
        return members;
    }
}
