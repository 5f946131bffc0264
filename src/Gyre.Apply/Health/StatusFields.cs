using System.Text.Json.Nodes;
using Gyre.Manifests;
using Gyre.Manifests.Json;

namespace Gyre.Apply.Health;

/// <summary>Reads the fields kstatus looks at, with Kubernetes' defaults for absent ones.</summary>
internal static class StatusFields
{
    public static long Int(KubeObject obj, string path, long fallback = 0)
    {
        var node = Find(obj.Json, path);
        return KubeNumbers.TryGetInt64(node, out var value) ? value : fallback;
    }

    public static bool Has(KubeObject obj, string path) => Find(obj.Json, path) is not null;

    public static string? String(KubeObject obj, string path) =>
        Find(obj.Json, path) is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>The status.conditions entry of the given type, if any.</summary>
    public static JsonObject? Condition(KubeObject obj, string type) =>
        (Find(obj.Json, "status.conditions") as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => c["type"] is JsonValue t && t.TryGetValue(out string? s) && s == type);

    public static bool ConditionIs(JsonObject? condition, string status) =>
        condition?["status"] is JsonValue v && v.TryGetValue(out string? s) && s == status;

    public static string ConditionText(JsonObject? condition, string field) =>
        condition?[field] is JsonValue v && v.TryGetValue(out string? s) ? s : string.Empty;

    private static JsonNode? Find(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }
}
