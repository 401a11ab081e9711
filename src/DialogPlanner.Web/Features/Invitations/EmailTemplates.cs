using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;

namespace DialogPlanner.Web.Features.Invitations;

/// <summary>The three texts of one e-mail, rendered from the templates.</summary>
public sealed record RenderedEmail(string Subject, string Text, string Html)
{
    /// <summary>The plain and HTML bodies as one multipart/alternative, quoted-printable UTF-8.</summary>
    public MimeKit.Multipart Alternative() => new("alternative") { Part("plain", Text), Part("html", Html) };

    private static MimeKit.TextPart Part(string subtype, string text)
    {
        var part = new MimeKit.TextPart(subtype) { ContentTransferEncoding = MimeKit.ContentEncoding.QuotedPrintable };
        part.SetText(System.Text.Encoding.UTF8, text);
        return part;
    }
}

/// <summary>
/// The Liquid e-mail templates under <c>templates/email/{sv|en}/</c>: <c>{kind}.subject</c>,
/// <c>{kind}.txt</c> and <c>{kind}.html</c>. They are files, so organisers can change the wording
/// without a new release; a parsed template is kept until its file changes.
/// </summary>
public sealed class EmailTemplates(string folder)
{
    public const string ConfigurationKey = "Email:TemplatesPath";
    private const string RelativeFolder = "templates/email";

    // Keep å, ä, ö and emoji as themselves; markup characters are still encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly FluidParser Parser = new();
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

    /// <param name="language">"sv" or "en"; anything else gets Swedish.</param>
    /// <param name="name">The kind of e-mail, e.g. "invitation".</param>
    public RenderedEmail Render(string language, string name, IReadOnlyDictionary<string, object?> model)
    {
        var prefix = Path.Combine(Folder, IsEnglish(language) ? "en" : "sv", name);
        var subject = Render(prefix + ".subject", model, NullEncoder.Default);
        // A header holds one line; an organiser's stray line break must not end it.
        subject = string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new RenderedEmail(subject, Render(prefix + ".txt", model, NullEncoder.Default), Render(prefix + ".html", model, Html));
    }

    public static bool IsEnglish(string language) => language.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    private string Render(string path, IReadOnlyDictionary<string, object?> model, TextEncoder encoder)
    {
        var context = new TemplateContext();
        foreach (var (key, value) in model) context.SetValue(key, value);
        return Load(path).Render(context, encoder);
    }

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
}
