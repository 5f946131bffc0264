using System.Text.RegularExpressions;

namespace Gyre.Cli.Migrate;

/// <summary>
/// Rewrites Flux apiVersions to the latest ones wherever an object is written, as `flux migrate -f` does: every
/// <c>apiVersion:</c> line whose mapping has a <c>kind:</c> of a Flux kind (top-level documents, list items,
/// objects nested in other files' fields, Helm templates) gets its version replaced, and every other byte of the file
/// (comments, order, quoting, line endings) stays as it was. Unlike flux, <c>kind:</c> may come anywhere in the same
/// mapping, not only on the next line, and quoted values and trailing comments are understood.
/// </summary>
internal static partial class ApiVersionMigration
{
    /// <summary>Migrates <paramref name="text"/> to <paramref name="latest"/>; returns the new text and the changes (1-based line numbers).</summary>
    public static (string Text, IReadOnlyList<ApiVersionChange> Changes) Migrate(string text, IReadOnlyDictionary<(string Group, string Kind), string> latest)
    {
        var lines = text.Split('\n');
        var changes = new List<ApiVersionChange>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = ApiVersionLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var column = match.Groups["indent"].Length + match.Groups["dash"].Length;
            var kind = KindOf(lines, i, column, match.Groups["dash"].Length > 0);
            var group = match.Groups["group"].Value;
            var version = match.Groups["version"].Value;
            if (kind is null || !latest.TryGetValue((group, kind), out var current) || current == version)
            {
                continue;
            }

            var value = match.Groups["version"];
            lines[i] = string.Concat(lines[i].AsSpan(0, value.Index), current, lines[i].AsSpan(value.Index + value.Length));
            changes.Add(new ApiVersionChange(i + 1, kind, version, current));
        }

        return (changes.Count == 0 ? text : string.Join('\n', lines), changes);
    }

    // The kind: key of the mapping the apiVersion line belongs to: a key at the same column before the mapping ends.
    private static string? KindOf(string[] lines, int index, int column, bool firstOfListItem)
    {
        for (var j = index + 1; j < lines.Length; j++)
        {
            var (line, kind) = Classify(lines[j], column);
            if (line is Line.End or Line.ItemStart)
            {
                break;
            }

            if (line == Line.Sibling && kind is not null)
            {
                return kind;
            }
        }

        // Backwards only inside the same mapping: a list item that starts on the apiVersion line has nothing before it.
        for (var j = index - 1; j >= 0 && !firstOfListItem; j--)
        {
            switch (Classify(lines[j], column))
            {
                case (Line.End, _):
                    return null;
                case (Line.Sibling or Line.ItemStart, var kind) when kind is not null:
                    return kind;
                case (Line.ItemStart, _):
                    return null;
            }
        }

        return null;
    }

    private enum Line
    {
        Other,
        Sibling,
        ItemStart,
        End,
    }

    // Sibling: a key at the column; ItemStart: "- key" whose key sits at the column; End: outside the mapping.
    private static (Line Line, string? Kind) Classify(string raw, int column)
    {
        var line = raw.TrimEnd('\r');
        var trimmed = line.TrimStart(' ');
        if (trimmed.Length == 0 || trimmed.StartsWith('#'))
        {
            return (Line.Other, null);
        }

        var indent = line.Length - trimmed.Length;
        if (indent == 0 && (trimmed.StartsWith("---", StringComparison.Ordinal) || trimmed.StartsWith("...", StringComparison.Ordinal)))
        {
            return (Line.End, null);
        }

        if (indent == column)
        {
            return (Line.Sibling, KindLine().Match(trimmed) is { Success: true } kind ? kind.Groups["kind"].Value : null);
        }

        if (indent < column && trimmed.StartsWith("- ", StringComparison.Ordinal))
        {
            var item = trimmed[1..].TrimStart(' ');
            var itemColumn = line.Length - item.Length;
            return itemColumn == column
                ? (Line.ItemStart, KindLine().Match(item) is { Success: true } kind ? kind.Groups["kind"].Value : null)
                : (Line.End, null);
        }

        return indent < column ? (Line.End, null) : (Line.Other, null);
    }

    [GeneratedRegex(@"^(?<indent>[ ]*)(?<dash>(?:- +)?)apiVersion:[ \t]*(?<q>['""]?)(?<group>[a-z0-9.\-]+)/(?<version>v[0-9a-z]+)\k<q>[ \t]*(#.*)?\r?$")]
    private static partial Regex ApiVersionLine();

    [GeneratedRegex(@"^kind:[ \t]*['""]?(?<kind>[A-Za-z0-9]+)['""]?[ \t]*(#.*)?$")]
    private static partial Regex KindLine();
}
