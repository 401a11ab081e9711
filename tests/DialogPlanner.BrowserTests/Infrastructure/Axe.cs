using System.Text;
using System.Text.Json;
using DialogPlanner.Tests.Infrastructure;
using Microsoft.Playwright;

namespace DialogPlanner.BrowserTests.Infrastructure;

/// <summary>axe-core (from npm, tests/axe) run inside the page against the WCAG 2.x A and AA rules.</summary>
public static class Axe
{
    private static readonly string Script = Repo.PathOf("tests", "axe", "node_modules", "axe-core", "axe.min.js");

    private const string Run = """
        async () => {
            const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
            }));
        }
        """;

    public static async Task AssertNoViolationsAsync(IPage page)
    {
        if (!File.Exists(Script))
            throw new InvalidOperationException($"{Script} is missing: run ./build.sh test, or npm ci --prefix tests/axe.");
        // Evaluated, not added as a <script> element: the app's Content-Security-Policy refuses inline scripts,
        // and code run through the browser's DevTools protocol is not subject to it.
        if (!await page.EvaluateAsync<bool>("() => typeof axe === 'object'"))
            await page.EvaluateAsync($"() => {{\n{await File.ReadAllTextAsync(Script)}\n}}");
        var violations = await page.EvaluateAsync<JsonElement>(Run);
        Assert.True(violations.GetArrayLength() == 0, Describe(page.Url, violations));
    }

    // Enough for a developer to find and fix each problem without rerunning anything.
    private static string Describe(string url, JsonElement violations)
    {
        var text = new StringBuilder($"axe found {violations.GetArrayLength()} WCAG violation(s) on {url}:\n");
        foreach (var v in violations.EnumerateArray())
        {
            text.Append($"- {v.GetProperty("id")} ({v.GetProperty("impact")}): {v.GetProperty("help")} <{v.GetProperty("helpUrl")}>\n");
            foreach (var node in v.GetProperty("nodes").EnumerateArray())
                text.Append($"    {node.GetProperty("target")}  {node.GetProperty("html")}\n      {node.GetProperty("summary").ToString().Replace("\n", "\n      ")}\n");
        }
        return text.ToString();
    }
}
