using System.Text.Json;
using System.Text.Json.Serialization;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>
/// A promise as written in a template file (templates/promises/*.json, schema in promise.schema.json).
/// Property names are the file's; values are checked by <see cref="PromiseTemplateReader"/>.
/// </summary>
public sealed record PromiseTemplate(
    string? Municipality, int? Year, string? Title, string? Introduction, List<FocusAreaTemplate>? FocusAreas)
{
    [JsonPropertyName("$schema")] public string? Schema { get; init; }
}

public sealed record FocusAreaTemplate(string? Title, string? Description, List<PledgeTemplate>? Pledges);

public sealed record PledgeTemplate(string? Text, string? Responsible, string? EventType, int? YearlyTarget, bool? TargetIsMinimum)
{
    /// <summary>The file's words for who stands behind a pledge.</summary>
    public static readonly IReadOnlyDictionary<string, PledgeParty> Parties = new Dictionary<string, PledgeParty>
    {
        ["Kommun"] = PledgeParty.Municipality,
        ["Polis"] = PledgeParty.Police,
        ["Kommun och polis"] = PledgeParty.Both,
    };
}

/// <summary>One problem found in a template: where (line and JSON path) and what.</summary>
public sealed record TemplateError(int Line, string Path, string Message)
{
    public override string ToString() => Line > 0 ? $"rad {Line}, {Path}: {Message}" : $"{Path}: {Message}";
}

internal static class TemplateJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };
}
