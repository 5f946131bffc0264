using System.Globalization;
using System.Text;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Transformers;

/// <summary>kyaml field paths: dot-separated keys, [name=value] list filters, numeric indexes and * wildcards.</summary>
internal static class ReplacementPath
{
    public static List<string> Split(string path)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        foreach (var c in path)
        {
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }

            if (c == '.' && depth == 0)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        parts.Add(current.ToString());
        return parts;
    }

    public static IEnumerable<YamlNode> Find(YamlNode node, List<string> parts, bool create) => Find(node, parts, 0, create);

    private static IEnumerable<YamlNode> Find(YamlNode node, List<string> parts, int index, bool create)
    {
        if (index == parts.Count)
        {
            return [node];
        }

        var part = parts[index];
        var last = index == parts.Count - 1;
        if (part == "*")
        {
            var children = node.IsMapping ? node.Pairs().Select(p => p.Value) : node.IsSequence ? node.Content : [];
            return children.ToList().SelectMany(c => Find(c, parts, index + 1, create));
        }

        if (node.IsSequence)
        {
            if (part.StartsWith('[') && part.EndsWith(']'))
            {
                var filter = part[1..^1];
                var equals = filter.IndexOf('=', StringComparison.Ordinal);
                var (key, value) = (filter[..equals], filter[(equals + 1)..]);
                return node.Content.Where(e => e.IsMapping && e.GetString(key) == value).ToList()
                    .SelectMany(c => Find(c, parts, index + 1, create));
            }

            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position < node.Content.Count)
            {
                return Find(node.Content[position], parts, index + 1, create);
            }

            return [];
        }

        if (!node.IsMapping)
        {
            return [];
        }

        var child = node.Get(part);
        if (child is null || child.IsNull)
        {
            if (!create)
            {
                return [];
            }

            child = last ? YamlNode.String(string.Empty) : parts[index + 1].StartsWith('[') ? YamlNode.Sequence() : YamlNode.Mapping();
            node.Set(part, child);
        }

        return Find(child, parts, index + 1, create);
    }
}
