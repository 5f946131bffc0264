using System.Text.Json.Nodes;

namespace Gyre.Controllers.Kustomizations;

/// <summary>RFC 6901 JSON pointers, just enough for spec.ignore: copy the value at a pointer from one object to another.</summary>
internal static class JsonPointer
{
    /// <summary>Sets <paramref name="target"/>'s value at <paramref name="pointer"/> to <paramref name="source"/>'s, or removes it when the source has none.</summary>
    public static void Copy(JsonObject source, JsonObject target, string pointer)
    {
        var tokens = pointer.TrimStart('/').Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        if (pointer.Length == 0 || tokens.Length == 0)
        {
            return;
        }

        var value = Find(source, tokens);
        JsonNode? parent = target;
        for (var i = 0; i < tokens.Length - 1 && parent is not null; i++)
        {
            parent = Child(parent, tokens[i]);
        }

        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject map when value is null:
                map.Remove(last);
                break;
            case JsonObject map:
                map[last] = value.DeepClone();
                break;
            case JsonArray list when int.TryParse(last, out var index) && index >= 0 && index < list.Count && value is not null:
                list[index] = value.DeepClone();
                break;
        }
    }

    private static JsonNode? Find(JsonNode? node, string[] tokens)
    {
        foreach (var token in tokens)
        {
            node = node is null ? null : Child(node, token);
        }

        return node;
    }

    private static JsonNode? Child(JsonNode node, string token) => node switch
    {
        JsonObject map => map[token],
        JsonArray list when int.TryParse(token, out var index) && index >= 0 && index < list.Count => list[index],
        _ => null,
    };
}
