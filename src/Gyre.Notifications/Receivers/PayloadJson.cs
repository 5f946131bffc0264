using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gyre.Notifications.Receivers;

/// <summary>
/// Checks a registry's JSON body the way Go's encoding/json decodes it into notification-controller's payload
/// structs: the body must be a JSON object (or null), and each field the struct declares must, when present, have
/// the declared type (null is allowed for any field). Unknown fields are ignored.
/// </summary>
internal static class PayloadJson
{
    public const JsonValueKind String = JsonValueKind.String;
    public const JsonValueKind Array = JsonValueKind.Array;

    /// <summary>Null when the body decodes; otherwise why not. Paths are dotted (<c>push_data.tag</c>).</summary>
    public static string? Check(byte[] body, params (string Path, JsonValueKind Kind)[] fields)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            return body.Length == 0 ? "the body is empty" : "the body is not JSON: " + ex.Message;
        }

        if (root is not null and not JsonObject)
        {
            return $"expected a JSON object, got {root.GetValueKind()}";
        }

        foreach (var (path, kind) in fields)
        {
            if (CheckField(root, path, kind) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>A string field of a body already checked with <see cref="Check"/>, or empty.</summary>
    public static string Text(byte[] body, string path) => Find(JsonNode.Parse(body), path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;

    private static string? CheckField(JsonNode? root, string path, JsonValueKind kind)
    {
        JsonNode? node = root;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (node is null)
            {
                return null;
            }

            if (node is not JsonObject obj)
            {
                return $"field '{string.Join('.', parts[..i])}' must be an object, got {node.GetValueKind()}";
            }

            node = obj[parts[i]];
        }

        if (node is null || node.GetValueKind() == kind)
        {
            return kind == Array && node is JsonArray items && items.Any(item => item is not null && item.GetValueKind() != String)
                ? $"field '{path}' must be an array of strings"
                : null;
        }

        return $"field '{path}' must be {(kind == String ? "a string" : "an array")}, got {node.GetValueKind()}";
    }

    private static JsonNode? Find(JsonNode? root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject obj ? obj[part] : null;
        }

        return node;
    }
}
