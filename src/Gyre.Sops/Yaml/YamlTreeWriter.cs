using Gyre.Sops.Crypto;
using Gyre.Sops.Tree;

namespace Gyre.Sops.Yaml;

/// <summary>
/// Turns a sops tree into printable nodes as sops's YAML store does (appendTreeBranch/appendSequence): comments before
/// an entry become its head comment, comments opening a collection the collection's, trailing ones the last value's foot.
/// </summary>
internal static class YamlTreeWriter
{
    public static string Write(IReadOnlyList<SopsBranch> documents, int indent)
    {
        var emitter = new GoYamlEmitter(indent);
        foreach (var document in documents)
        {
            emitter.EmitDocument(ToMapping(document));
        }

        return emitter.ToString();
    }

    public static YamlNode ToNode(object? value) => value switch
    {
        SopsBranch branch => ToMapping(branch),
        List<object?> list => ToSequence(list),
        _ => Scalar(value),
    };

    private static YamlNode ToMapping(SopsBranch branch)
    {
        var mapping = new YamlNode { Kind = YamlNodeKind.Mapping };
        var comments = new List<string>();
        var beginning = true;
        foreach (var item in branch)
        {
            if (item.Key is SopsComment comment)
            {
                comments.Add(comment.Value);
                continue;
            }

            if (beginning)
            {
                AddHead(mapping, comments);
                beginning = false;
            }

            var key = Scalar(item.Key);
            AddHead(key, comments);
            mapping.Content.Add(key);
            mapping.Content.Add(ToNode(item.Value));
        }

        AddTrailing(mapping, comments, beginning);
        return mapping;
    }

    private static YamlNode ToSequence(List<object?> list)
    {
        var sequence = new YamlNode { Kind = YamlNodeKind.Sequence };
        var comments = new List<string>();
        var beginning = true;
        foreach (var item in list)
        {
            if (item is SopsComment comment)
            {
                comments.Add(comment.Value);
                continue;
            }

            if (beginning)
            {
                AddHead(sequence, comments);
                beginning = false;
            }

            var node = ToNode(item);
            AddHead(node, comments);
            sequence.Content.Add(node);
        }

        AddTrailing(sequence, comments, beginning);
        return sequence;
    }

    private static void AddTrailing(YamlNode collection, List<string> comments, bool beginning)
    {
        if (comments.Count == 0)
        {
            return;
        }

        if (beginning)
        {
            AddHead(collection, comments);
            return;
        }

        var last = collection.Content[^1];
        var text = "#" + string.Join("\n#", comments);
        last.FootComment = last.FootComment.Length > 0 ? last.FootComment + "\n" + text : text;
        comments.Clear();
    }

    private static void AddHead(YamlNode node, List<string> comments)
    {
        if (comments.Count == 0)
        {
            return;
        }

        var text = "#" + string.Join("\n#", comments);
        node.HeadComment = node.HeadComment.Length > 0 ? text + "\n" + node.HeadComment : text;
        comments.Clear();
    }

    // yaml.Node.Encode(value): strings that would read back as another type are double-quoted, multi-line ones literal.
    private static YamlNode Scalar(object? value) => value switch
    {
        null => new YamlNode { Value = "null" },
        string s => StringNode(s),
        bool b => new YamlNode { Value = b ? "true" : "false" },
        long or int or ulong => new YamlNode { Value = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)! },
        double d => new YamlNode { Value = FloatText(d) },
        SopsComment c => StringNode(c.Value),
        SopsTimestamp t => new YamlNode { Value = t.Value },
        _ => StringNode(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty),
    };

    private static string FloatText(double d) => GoFloat.Format(d, 'g') switch
    {
        "+Inf" => ".inf",
        "-Inf" => "-.inf",
        "NaN" => ".nan",
        var s => s,
    };

    private static YamlNode StringNode(string s)
    {
        if (s.Contains('\n', StringComparison.Ordinal))
        {
            return new YamlNode { Value = s, Style = ScalarStyle.Literal };
        }

        var plain = s.Length > 0
            ? GoYamlResolver.Resolve(s).Tag == GoYamlResolver.Tag.Str && !GoYamlResolver.IsBase60Float(s) && !GoYamlResolver.IsOldBool(s)
            : false;
        return new YamlNode { Value = s, Style = plain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted };
    }
}
