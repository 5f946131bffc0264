using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;

namespace Gyre.LocalCluster.Patching;

/// <summary>JSON patch (RFC 6902): add, remove, replace, move, copy and test over JSON pointers (RFC 6901).</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonNode patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiStatusException.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        var doc = document.DeepClone();
        foreach (var op in operations)
        {
            if (op is not JsonObject o || o["op"]?.GetValue<string>() is not { } name || o["path"]?.GetValue<string>() is not { } path)
            {
                throw Invalid("the patch operation is missing 'op' or 'path'");
            }

            switch (name)
            {
                case "add":
                    doc = Add(doc, path, Value(o));
                    break;
                case "remove":
                    Remove(doc, path);
                    break;
                case "replace":
                    Remove(doc, path);
                    doc = Add(doc, path, Value(o));
                    break;
                case "move":
                    var moved = Get(doc, From(o));
                    Remove(doc, From(o));
                    doc = Add(doc, path, moved?.DeepClone());
                    break;
                case "copy":
                    doc = Add(doc, path, Get(doc, From(o))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(doc, path), o["value"]))
                    {
                        throw Invalid($"testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw Invalid($"Unexpected kind: {name}");
            }
        }

        return doc;
    }

    private static JsonNode? Value(JsonObject op) =>
        op.ContainsKey("value") ? op["value"]?.DeepClone() : throw Invalid("missing value");

    private static string From(JsonObject op) => op["from"]?.GetValue<string>() ?? throw Invalid("missing from");

    private static string[] Split(string path)
    {
        if (path.Length == 0)
        {
            return [];
        }

        if (!path.StartsWith('/'))
        {
            throw Invalid($"invalid JSON pointer \"{path}\"");
        }

        return [.. path[1..].Split('/').Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];
    }

    private static JsonNode? Get(JsonNode doc, string path)
    {
        JsonNode? node = doc;
        foreach (var part in Split(path))
        {
            node = node switch
            {
                JsonObject o when o.ContainsKey(part) => o[part],
                JsonArray a when int.TryParse(part, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw Invalid($"doc is missing path: \"{path}\": missing value"),
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode doc, string path, JsonNode? value)
    {
        var parts = Split(path);
        if (parts.Length == 0)
        {
            return value ?? throw Invalid("cannot replace the document with null");
        }

        var parent = Get(doc, "/" + string.Join('/', parts[..^1].Select(Escape)));
        var last = parts[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, CultureInfo.InvariantCulture, out var i) && i >= 0 && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw Invalid($"doc is missing path: \"{path}\": missing value");
        }

        return doc;
    }

    private static void Remove(JsonNode doc, string path)
    {
        var parts = Split(path);
        var parent = Get(doc, parts.Length <= 1 ? string.Empty : "/" + string.Join('/', parts[..^1].Select(Escape)));
        var last = parts[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < a.Count:
                a.RemoveAt(i);
                break;
            default:
                throw Invalid($"unable to remove nonexistent key: {last}: missing value");
        }
    }

    private static string Escape(string part) => part.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static ApiStatusException Invalid(string why) => new(422, "Invalid", why);
}
