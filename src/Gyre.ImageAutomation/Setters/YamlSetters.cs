using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Gyre.ImageAutomation.Setters;

/// <summary>
/// Applies setter markers to one YAML text. Scalars are found with the YAML parser (so quoting, flow style and
/// multi-document files are understood) and only each changed scalar's characters are replaced: comments,
/// indentation, quote style, line endings and every other byte stay as they were. A marker is the comment that ends
/// the line a value scalar ends on; keys are never rewritten.
/// </summary>
public static class YamlSetters
{
    /// <summary>The rewritten text and the changes, each with the object it happened in; null when the text is not YAML.</summary>
    public static YamlSetterResult? Apply(string text, IReadOnlyDictionary<string, LatestImage> policies)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(policies);
        List<Edit> edits;
        try
        {
            edits = FindEdits(text, policies);
        }
        catch (YamlException)
        {
            return null; // as Flux: files that do not parse are left alone
        }

        var output = new StringBuilder(text.Length + 64);
        var position = 0;
        foreach (var edit in edits)
        {
            output.Append(text, position, edit.Start - position).Append(edit.Replacement);
            position = edit.End;
        }

        output.Append(text, position, text.Length - position);
        return new YamlSetterResult(output.ToString(), [.. edits.Select(e => (e.Object, e.Change))]);
    }

    private static List<Edit> FindEdits(string text, IReadOnlyDictionary<string, LatestImage> policies)
    {
        var edits = new List<Edit>();
        var pending = new List<(int Start, int End, Change Change, ScalarStyle Style)>();
        var walk = new DocumentWalk();
        var parser = new Parser(new StringReader(text));
        while (parser.MoveNext())
        {
            var current = parser.Current!;
            if (current is DocumentEnd)
            {
                var id = walk.Identifier();
                edits.AddRange(pending.Select(p => new Edit(p.Start, p.End, ScalarText.Render(p.Change.NewValue, p.Style), id, p.Change)));
                pending.Clear();
            }

            var isValue = walk.Visit(current);
            if (!isValue || current is not Scalar scalar || scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
            {
                continue;
            }

            if (LineComment(text, (int)scalar.End.Index) is not { } comment || SetterMarker.Parse(comment) is not { } marker
                || !policies.TryGetValue(marker.PolicyNamespace + ":" + marker.PolicyName, out var latest)
                || latest.ValueFor(marker.Field) is not { } value || value == scalar.Value)
            {
                continue;
            }

            var start = ValueStart(text, (int)scalar.Start.Index, (int)scalar.End.Index);
            pending.Add((start, (int)scalar.End.Index, new Change(scalar.Value, value, marker.Setter), scalar.Style));
        }

        return edits;
    }

    /// <summary>
    /// The comment text after '#' when only blanks (and, inside a flow collection, the item's comma) separate it from
    /// <paramref name="end"/> on the same line.
    /// </summary>
    private static string? LineComment(string text, int end)
    {
        var i = end;
        if (i < text.Length && text[i] == ',')
        {
            i++;
        }

        var blanks = i;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        if (i >= text.Length || text[i] != '#' || i == blanks)
        {
            return null;
        }

        var eol = text.IndexOfAny(['\n', '\r'], i);
        return text[(i + 1)..(eol < 0 ? text.Length : eol)];
    }

    /// <summary>Skips an anchor or tag the parser counts into the scalar's start mark.</summary>
    private static int ValueStart(string text, int start, int end)
    {
        while (start < end && text[start] is '&' or '!')
        {
            while (start < end && text[start] is not (' ' or '\t' or '\n' or '\r'))
            {
                start++;
            }

            while (start < end && text[start] is ' ' or '\t' or '\n' or '\r')
            {
                start++;
            }
        }

        return start;
    }

    private sealed record Edit(int Start, int End, string Replacement, ObjectIdentifier Object, Change Change);
}
