using Microsoft.EntityFrameworkCore;

namespace DialogPlanner.Web.Features;

/// <summary>
/// Where a paged list stands: which page, how many rows a page and in all. Shown by the shared
/// <c>_Pager</c> partial, whose links keep the request's other query values (the filters).
/// </summary>
public sealed record PageInfo(int Number, int Size, int Total)
{
    public const int DefaultSize = 50;

    public int Count => Math.Max(1, (Total + Size - 1) / Size);
    public int First => Total == 0 ? 0 : (Number - 1) * Size + 1;
    public int Last => Math.Min(Total, Number * Size);
}

/// <summary>One page of a list, counted and cut in the database.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Rows, PageInfo Page);

public static class Paging
{
    /// <summary>
    /// Counts the (already filtered and ordered) query and reads one page of it: two SQL commands whatever the size.
    /// A page number out of range, by mistake or on purpose, gives the nearest page rather than an error.
    /// </summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, int? page, int size = PageInfo.DefaultSize, CancellationToken ct = default)
    {
        var total = await query.CountAsync(ct);
        var info = new PageInfo(1, size, total);
        info = info with { Number = Math.Clamp(page ?? 1, 1, info.Count) };
        var rows = total == 0 ? [] : await query.Skip((info.Number - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<T>(rows, info);
    }

    /// <summary>A search term as the lists compare it: trimmed, bounded, lower-cased (the SQL side lower-cases the column).</summary>
    public static string? SearchTerm(string? text)
    {
        var term = text?.Trim();
        if (string.IsNullOrEmpty(term)) return null;
        return (term.Length > 100 ? term[..100] : term).ToLowerInvariant();
    }
}
