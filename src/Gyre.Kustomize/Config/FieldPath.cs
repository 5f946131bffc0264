using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Config;

/// <summary>
/// Walks a field-spec path ("spec/template/metadata/labels", "spec/volumeClaimTemplates[]/metadata/labels") as
/// kustomize's fsslice does: sequences along the way are entered element by element, "\/" escapes a slash in a key,
/// and missing mappings are created only when the spec says create.
/// </summary>
internal static class FieldPath
{
    public static string[] Split(string path)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length && path[i + 1] == '/')
            {
                current.Append('/');
                i++;
            }
            else if (path[i] == '/')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(path[i]);
            }
        }

        parts.Add(current.ToString());
        return parts.Where(p => p.Length > 0).ToArray();
    }

    /// <summary>Calls visit(mapping, key) for every place the path ends; the key may be absent when create is true.</summary>
    public static void Visit(YamlNode root, string path, bool create, Action<YamlNode, string> visit) =>
        Visit(root, Split(path), 0, create, visit);

    private static void Visit(YamlNode node, string[] segments, int index, bool create, Action<YamlNode, string> visit)
    {
        if (node.IsSequence)
        {
            foreach (var item in node.Content.ToList())
            {
                Visit(item, segments, index, create, visit);
            }

            return;
        }

        if (!node.IsMapping || index >= segments.Length)
        {
            return;
        }

        var segment = segments[index];
        var isList = segment.EndsWith("[]", StringComparison.Ordinal);
        var key = isList ? segment[..^2] : segment;
        if (index == segments.Length - 1 && !isList)
        {
            if (node.Get(key) is not null || create)
            {
                visit(node, key);
            }

            return;
        }

        var child = node.Get(key);
        if (child is null || child.IsNull)
        {
            if (!create)
            {
                return;
            }

            child = isList ? YamlNode.Sequence() : YamlNode.Mapping();
            node.Set(key, child);
        }

        Visit(child, segments, index + 1, create, visit);
    }
}
