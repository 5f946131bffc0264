using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Patching;

/// <summary>Reads, removes and formats values at FieldsV1 paths (`f:spec`, `k:{"name":"app"}`, `v:"x"`).</summary>
internal static class FieldPath
{
    public static JsonNode? Get(JsonNode? node, IReadOnlyList<string> path)
    {
        foreach (var element in path)
        {
            node = Step(node, element, out _);
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    public static void Remove(JsonObject obj, IReadOnlyList<string> path)
    {
        var parent = Get(obj, path.Take(path.Count - 1).ToList());
        var last = path[^1];
        switch (parent)
        {
            case JsonObject o when last.StartsWith("f:", StringComparison.Ordinal):
                o.Remove(last[2..]);
                break;
            case JsonArray a:
                Step(a, last, out var index);
                if (index >= 0)
                {
                    a.RemoveAt(index);
                }

                break;
        }
    }

    public static FieldSet ToSet(IReadOnlyList<string> path)
    {
        var root = new FieldSet();
        var node = root;
        foreach (var element in path)
        {
            var next = new FieldSet();
            node.Children[element] = next;
            node = next;
        }

        return root;
    }

    /// <summary>Formats a path as kube-apiserver's conflict messages do: `.spec.containers[name="app"].image`.</summary>
    public static string Format(IReadOnlyList<string> path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var element in path)
        {
            if (element.StartsWith("f:", StringComparison.Ordinal))
            {
                text.Append('.').Append(element[2..]);
            }
            else if (element.StartsWith("k:", StringComparison.Ordinal))
            {
                var keys = JsonNode.Parse(element[2..])!.AsObject();
                text.Append('[').Append(string.Join(",", keys.Select(kv => $"{kv.Key}={kv.Value?.ToJsonString()}"))).Append(']');
            }
            else if (element.StartsWith("v:", StringComparison.Ordinal))
            {
                text.Append('[').Append(element[2..]).Append(']');
            }
        }

        return text.ToString();
    }

    private static JsonNode? Step(JsonNode? node, string element, out int index)
    {
        index = -1;
        if (element.StartsWith("f:", StringComparison.Ordinal))
        {
            return node is JsonObject o ? o[element[2..]] : null;
        }

        if (node is not JsonArray list)
        {
            return null;
        }

        if (element.StartsWith("k:", StringComparison.Ordinal))
        {
            var keys = JsonNode.Parse(element[2..])!.AsObject();
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is JsonObject item && keys.All(kv => JsonNode.DeepEquals(item[kv.Key], kv.Value)))
                {
                    index = i;
                    return item;
                }
            }
        }
        else if (element.StartsWith("v:", StringComparison.Ordinal))
        {
            var value = JsonNode.Parse(element[2..]);
            for (var i = 0; i < list.Count; i++)
            {
                if (JsonNode.DeepEquals(list[i], value))
                {
                    index = i;
                    return list[i];
                }
            }
        }

        return null;
    }
}
