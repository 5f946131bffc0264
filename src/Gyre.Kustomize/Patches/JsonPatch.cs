using System.Globalization;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Patches;

/// <summary>RFC 6902 JSON patch over YAML nodes (add, remove, replace, move, copy, test), as evanphx/json-patch applies it.</summary>
internal static class JsonPatch
{
    public static void Apply(YamlNode document, YamlNode operations, string where)
    {
        if (!operations.IsSequence)
        {
            throw new KustomizeException(where, null, null, "a JSON patch must be a list of operations");
        }

        foreach (var operation in operations.Content)
        {
            var op = operation.GetString("op") ?? string.Empty;
            var path = operation.GetString("path") ?? throw new KustomizeException(where, null, "path", $"JSON patch operation '{op}' has no path");
            switch (op)
            {
                case "add":
                    Add(document, path, Value(operation, op, path, where), where, op);
                    break;
                case "remove":
                    Remove(document, path, where, op);
                    break;
                case "replace":
                    Remove(document, path, where, op);
                    Add(document, path, Value(operation, op, path, where), where, op);
                    break;
                case "move":
                    var moved = Remove(document, operation.GetString("from") ?? string.Empty, where, op);
                    Add(document, path, moved, where, op);
                    break;
                case "copy":
                    Add(document, path, Get(document, operation.GetString("from") ?? string.Empty, where, op).Clone(), where, op);
                    break;
                case "test":
                    var actual = Get(document, path, where, op);
                    if (OutputText(actual) != OutputText(Value(operation, op, path, where)))
                    {
                        throw new KustomizeException(where, null, path, "testing value failed");
                    }

                    break;
                default:
                    throw new KustomizeException(where, null, "op", $"unexpected JSON patch operation '{op}'");
            }
        }
    }

    private static string OutputText(YamlNode node)
    {
        var text = new System.Text.StringBuilder();
        var wrapper = YamlNode.Mapping();
        wrapper.Set("v", node);
        YamlPrinter.WriteDocument(wrapper, text);
        return text.ToString();
    }

    private static YamlNode Value(YamlNode operation, string op, string path, string where) =>
        operation.Get("value")?.Clone() ?? throw new KustomizeException(where, null, path, $"JSON patch operation '{op}' has no value");

    private static string[] Tokens(string path, string where, string op)
    {
        if (path.Length == 0)
        {
            return [];
        }

        if (!path.StartsWith('/'))
        {
            throw new KustomizeException(where, null, path, $"invalid JSON patch path in '{op}': it must start with '/'");
        }

        return path[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
    }

    private static YamlNode Get(YamlNode document, string path, string where, string op)
    {
        var node = document;
        foreach (var token in Tokens(path, where, op))
        {
            node = Child(node, token) ?? throw Missing(where, path, op);
        }

        return node;
    }

    private static YamlNode? Child(YamlNode node, string token)
    {
        if (node.IsMapping)
        {
            return node.Get(token);
        }

        if (node.IsSequence && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < node.Content.Count)
        {
            return node.Content[index];
        }

        return null;
    }

    private static KustomizeException Missing(string where, string path, string op) =>
        new(where, null, path, $"JSON patch '{op}' failed: path '{path}' does not exist in the target; check the path against the resource");

    private static void Add(YamlNode document, string path, YamlNode value, string where, string op)
    {
        var tokens = Tokens(path, where, op);
        if (tokens.Length == 0)
        {
            throw new KustomizeException(where, null, path, "replacing the whole document is not supported");
        }

        var parent = document;
        foreach (var token in tokens[..^1])
        {
            parent = Child(parent, token) ?? throw Missing(where, path, op);
        }

        var last = tokens[^1];
        if (parent.IsMapping)
        {
            parent.Set(last, value);
            return;
        }

        if (!parent.IsSequence)
        {
            throw Missing(where, path, op);
        }

        if (last == "-")
        {
            parent.Content.Add(value);
            return;
        }

        if (!int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > parent.Content.Count)
        {
            throw new KustomizeException(where, null, path, $"JSON patch '{op}' failed: index '{last}' is out of range");
        }

        parent.Content.Insert(index, value);
    }

    private static YamlNode Remove(YamlNode document, string path, string where, string op)
    {
        var tokens = Tokens(path, where, op);
        var parent = document;
        foreach (var token in tokens.Length == 0 ? [] : tokens[..^1])
        {
            parent = Child(parent, token) ?? throw Missing(where, path, op);
        }

        var last = tokens.Length == 0 ? throw Missing(where, path, op) : tokens[^1];
        var existing = Child(parent, last) ?? throw Missing(where, path, op);
        if (parent.IsMapping)
        {
            parent.Remove(last);
        }
        else
        {
            parent.Content.Remove(existing);
        }

        return existing;
    }
}
