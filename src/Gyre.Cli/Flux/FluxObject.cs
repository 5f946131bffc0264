using System.Text.Json.Nodes;

namespace Gyre.Cli.Flux;

/// <summary>Reads the status fields flux's CLI shows from an unstructured Flux object.</summary>
internal static class FluxObject
{
    public static string Name(JsonObject obj) => (string?)obj["metadata"]?["name"] ?? string.Empty;

    public static string Namespace(JsonObject obj) => (string?)obj["metadata"]?["namespace"] ?? string.Empty;

    public static long Generation(JsonObject obj) => obj["metadata"]?["generation"]?.GetValue<long>() ?? 0;

    public static bool Suspended(JsonObject obj) => obj["spec"]?["suspend"] is JsonValue v && v.TryGetValue<bool>(out var s) && s;

    public static JsonObject? Condition(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    /// <summary>The Ready condition's status: True, False or Unknown (no condition yet).</summary>
    public static string Ready(JsonObject obj) => (string?)Condition(obj, "Ready")?["status"] ?? "Unknown";

    public static string Message(JsonObject obj) =>
        (string?)Condition(obj, "Ready")?["message"] ?? (obj["status"] is null ? "waiting to be reconciled" : string.Empty);

    /// <summary>Whether the controller has seen the current spec (status.observedGeneration caught up).</summary>
    public static bool Observed(JsonObject obj) => obj["status"]?["observedGeneration"]?.GetValue<long>() == Generation(obj);

    public static string? Revision(JsonObject obj, FluxKind kind)
    {
        if (kind.RevisionPath is null)
        {
            return null;
        }

        if (kind.RevisionPath == "status.latestRef")
        {
            // ImagePolicy's latest image, as flux prints it: name:tag.
            return obj["status"]?["latestRef"] is JsonObject latest ? $"{(string?)latest["name"]}:{(string?)latest["tag"]}" : null;
        }

        JsonNode? node = obj;
        foreach (var part in kind.RevisionPath.Split('.'))
        {
            node = node switch
            {
                JsonArray array when int.TryParse(part, out var i) => i < array.Count ? array[i] : null,
                JsonObject o => o[part],
                _ => null,
            };
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    public static string? LastHandled(JsonObject obj) => (string?)obj["status"]?["lastHandledReconcileAt"];
}
