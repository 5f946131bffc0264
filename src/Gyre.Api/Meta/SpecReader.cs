using System.Text.Json.Nodes;
using Gyre.Manifests;

namespace Gyre.Api.Meta;

/// <summary>Typed reads of one object's spec fields, failing with the object and field named.</summary>
internal sealed class SpecReader(KubeObject obj)
{
    public KubeObject Object { get; } = obj;

    public string Where => Object.Kind + "/" + Object.Namespace + "/" + Object.Name;

    public JsonObject Spec => Object.Json["spec"] as JsonObject ?? [];

    public static string? String(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public string Required(JsonObject parent, string key, string path) =>
        String(parent[key]) is { Length: > 0 } value ? value : throw new ApiException(Where, path, "is required");

    public TimeSpan? Duration(JsonObject parent, string key, string path)
    {
        var text = String(parent[key]);
        if (text is null)
        {
            return null;
        }

        return GoDuration.TryParse(text, out var value)
            ? value
            : throw new ApiException(Where, path, $"'{text}' is not a duration; use Go's format, e.g. 30s, 5m, 1h");
    }

    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? node) =>
        (node as JsonObject ?? []).Where(p => String(p.Value) is not null).ToDictionary(p => p.Key, p => String(p.Value)!, StringComparer.Ordinal);

    public static IReadOnlyList<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(String).OfType<string>().ToList();

    public static IEnumerable<JsonObject> Objects(JsonNode? node) => (node as JsonArray ?? []).OfType<JsonObject>();
}
