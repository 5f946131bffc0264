using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Schema;

/// <summary>
/// Brings the embedded Kubernetes v1.21.2 definitions up to the v1.32 API the server reports, from the committed
/// Resources/kubernetes-1.32-overlay.json: group versions promoted unchanged (`copy`, e.g. autoscaling/v2 from
/// v2beta2), whole new definitions, properties added to or replacing those of existing definitions, and fields
/// removed since 1.21.
/// </summary>
internal static class SchemaOverlay
{
    private const string Prefix = "#/definitions/";

    public static void Apply(JsonObject definitions, JsonObject overlay)
    {
        foreach (var copy in (overlay["copy"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Promote(definitions, copy["fromPrefix"]!.GetValue<string>(), copy["toPrefix"]!.GetValue<string>(), copy["group"]!.GetValue<string>(), copy["version"]!.GetValue<string>());
        }

        foreach (var (name, definition) in overlay["definitions"] as JsonObject ?? [])
        {
            definitions[name] = definition!.DeepClone();
        }

        foreach (var (name, added) in overlay["properties"] as JsonObject ?? [])
        {
            var properties = Definition(definitions, name)["properties"]!.AsObject();
            foreach (var (field, schema) in added!.AsObject())
            {
                properties[field] = schema!.DeepClone();
            }
        }

        foreach (var (name, removed) in overlay["removeProperties"] as JsonObject ?? [])
        {
            var properties = Definition(definitions, name)["properties"]!.AsObject();
            foreach (var field in removed!.AsArray())
            {
                properties.Remove(field!.GetValue<string>());
            }
        }
    }

    private static JsonObject Definition(JsonObject definitions, string name) =>
        definitions[name] as JsonObject ?? throw new InvalidOperationException($"kubernetes-1.32-overlay.json: definition {name} does not exist in the embedded schema");

    /// <summary>Copies every definition under one prefix to another, re-pointing $refs and the group-version-kind extensions.</summary>
    private static void Promote(JsonObject definitions, string from, string to, string group, string version)
    {
        foreach (var (name, definition) in definitions.Where(d => d.Key.StartsWith(from, StringComparison.Ordinal)).ToList())
        {
            var copy = definition!.DeepClone().AsObject();
            Repoint(copy, Prefix + from, Prefix + to);
            foreach (var gvk in (copy["x-kubernetes-group-version-kind"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (gvk["group"]?.GetValue<string>() == group)
                {
                    gvk["version"] = version;
                }
            }

            definitions[to + name[from.Length..]] = copy;
        }
    }

    private static void Repoint(JsonNode node, string from, string to)
    {
        if (node is JsonObject o)
        {
            if (o["$ref"] is JsonValue value && value.GetValue<string>() is var reference && reference.StartsWith(from, StringComparison.Ordinal))
            {
                o["$ref"] = to + reference[from.Length..];
            }

            foreach (var child in o.Select(kv => kv.Value).OfType<JsonNode>().ToList())
            {
                Repoint(child, from, to);
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a.OfType<JsonNode>())
            {
                Repoint(child, from, to);
            }
        }
    }
}
