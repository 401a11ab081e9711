using DialogPlanner.Web.Features.Municipalities;

namespace DialogPlanner.Web.Features.Walks;

/// <summary>
/// The categories a municipality offers walk participants. An organiser can leave out those that do not
/// apply there; "Övrigt" is always offered so that anything can be recorded. A finding in a category
/// left out later is still accepted: it may have waited on a phone while the setting changed.
/// </summary>
public static class FindingCategories
{
    public static bool CanHide(FindingCategory category) => category != FindingCategory.Other;

    public static IReadOnlyList<FindingCategory> OfferedIn(Municipality? municipality)
    {
        var hidden = Hidden(municipality?.HiddenFindingCategories);
        return Enum.GetValues<FindingCategory>().Where(c => !hidden.Contains(c)).ToList();
    }

    public static HashSet<FindingCategory> Hidden(string? stored) =>
        (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => Enum.TryParse<FindingCategory>(name, out var c) ? c : (FindingCategory?)null)
            .OfType<FindingCategory>().Where(CanHide).ToHashSet();

    public static string? Store(IEnumerable<FindingCategory> hidden)
    {
        var names = hidden.Where(CanHide).Distinct().Order().Select(c => c.ToString()).ToList();
        return names.Count == 0 ? null : string.Join(',', names);
    }
}
