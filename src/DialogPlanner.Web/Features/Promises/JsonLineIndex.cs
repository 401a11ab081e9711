using System.Text.Json;

namespace DialogPlanner.Web.Features.Promises;

/// <summary>The line on which each JSON path (e.g. <c>$.focusAreas[2].title</c>) starts, for error messages.</summary>
internal sealed class JsonLineIndex
{
    private readonly Dictionary<string, int> _lines = [];

    public int LineOf(string path)
    {
        // A missing field is reported at its parent, which does exist.
        for (var p = path; p.Length > 0; p = Parent(p))
            if (_lines.TryGetValue(p, out var line)) return line;
        return 1;
    }

    public static JsonLineIndex Build(ReadOnlySpan<byte> json)
    {
        var index = new JsonLineIndex();
        var newlines = new List<int>();
        for (var i = 0; i < json.Length; i++) if (json[i] == (byte)'\n') newlines.Add(i);
        int Line(long offset)
        {
            var found = newlines.BinarySearch((int)offset);
            return (found < 0 ? ~found : found) + 1;
        }

        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var stack = new Stack<(string Path, int NextIndex, bool IsArray)>();
        string? pending = null; // path of the value about to be read
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pending = $"{stack.Peek().Path}.{reader.GetString()}";
                    index._lines.TryAdd(pending, Line(reader.TokenStartIndex));
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.Pop();
                    continue;
            }
            var path = pending ?? NextInArray(stack) ?? "$";
            pending = null;
            index._lines.TryAdd(path, Line(reader.TokenStartIndex));
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                stack.Push((path, 0, reader.TokenType == JsonTokenType.StartArray));
        }
        return index;
    }

    private static string? NextInArray(Stack<(string Path, int NextIndex, bool IsArray)> stack)
    {
        if (stack.Count == 0 || !stack.Peek().IsArray) return null;
        var (path, next, _) = stack.Pop();
        stack.Push((path, next + 1, true));
        return $"{path}[{next}]";
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? (path == "$" ? "" : "$") : path[..cut];
    }
}
