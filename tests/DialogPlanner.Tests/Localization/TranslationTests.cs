using System.Text.RegularExpressions;
using System.Xml.Linq;
using DialogPlanner.Tests.Infrastructure;

namespace DialogPlanner.Tests.Localization;

/// <summary>Every Swedish UI text in the code has an English translation, and no translation is left over.</summary>
public sealed partial class TranslationTests
{
    [Fact]
    public void EveryText_HasAnEnglishTranslation()
    {
        var (used, english) = Load();
        var missing = used.Except(english.Keys).Order().ToList();
        Assert.True(missing.Count == 0, "Add to Resources/SharedResource.en.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void NoTranslation_IsUnused()
    {
        var (used, english) = Load();
        var unused = english.Keys.Except(used).Order().ToList();
        Assert.True(unused.Count == 0, "Unused in Resources/SharedResource.en.resx:\n" + string.Join("\n", unused));
    }

    [Fact]
    public void Placeholders_MatchBetweenLanguages()
    {
        var (_, english) = Load();
        foreach (var (swedish, en) in english)
            Assert.Equal(Placeholder().Matches(swedish).Select(m => m.Value).Order(), Placeholder().Matches(en).Select(m => m.Value).Order());
    }

    private static (HashSet<string> Used, Dictionary<string, string> English) Load()
    {
        var web = Repo.PathOf("src", "DialogPlanner.Web");
        var used = new HashSet<string>();
        foreach (var file in Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs") || f.EndsWith(".cshtml")) && !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LocalizerCall().Matches(text)) used.Add(Regex.Unescape(m.Groups[1].Value));
            if (file.EndsWith("EnumTexts.cs"))
                foreach (Match m in EnumText().Matches(text)) used.Add(m.Groups[1].Value);
        }
        var resx = XDocument.Load(Path.Combine(web, "Resources", "SharedResource.en.resx"));
        var english = resx.Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
        return (used, english);
    }

    [GeneratedRegex("""\b[tT]\["((?:[^"\\]|\\.)+)"[\],]""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex("""\] = "([^"]+)",""")]
    private static partial Regex EnumText();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
