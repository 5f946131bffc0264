using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Schema;

/// <summary>
/// A position in an OpenAPI schema (a swagger definition for built-ins, a CRD's openAPIV3Schema for custom
/// resources), following $ref, properties, items and additionalProperties, and answering the list semantics that
/// strategic merge and server-side apply need.
/// </summary>
internal sealed class SchemaNode
{
    private readonly JsonObject _node;
    private readonly JsonObject? _definitions;

    public SchemaNode(JsonObject node, JsonObject? definitions)
    {
        _definitions = definitions;
        _node = Resolve(node, definitions);
    }

    public JsonObject Raw => _node;

    public string? Type => _node["type"]?.GetValue<string>();

    public bool PreservesUnknownFields => _node["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true
        || (_node["additionalProperties"] is JsonValue ap && ap.TryGetValue<bool>(out var b) && b);

    public bool IsIntOrString => _node["x-kubernetes-int-or-string"]?.GetValue<bool>() == true || _node["format"]?.GetValue<string>() == "int-or-string";

    public JsonObject? Properties => _node["properties"] as JsonObject;

    /// <summary>The keys of an associative list: x-kubernetes-list-map-keys, else the legacy patch merge key.</summary>
    public IReadOnlyList<string>? ListMapKeys
    {
        get
        {
            if (_node["x-kubernetes-list-map-keys"] is JsonArray keys)
            {
                return [.. keys.Select(k => k!.GetValue<string>())];
            }

            if (_node["x-kubernetes-patch-merge-key"]?.GetValue<string>() is { } key && PatchStrategy.Contains("merge", StringComparison.Ordinal))
            {
                return [key];
            }

            return _node["x-kubernetes-list-type"]?.GetValue<string>() == "map" && _node["x-kubernetes-patch-merge-key"]?.GetValue<string>() is { } k2 ? [k2] : null;
        }
    }

    /// <summary>Whether a list of scalars merges as a set (list-type set, or patch strategy merge without a key).</summary>
    public bool IsSetList => _node["x-kubernetes-list-type"]?.GetValue<string>() == "set"
        || (PatchStrategy.Contains("merge", StringComparison.Ordinal) && _node["x-kubernetes-patch-merge-key"] is null);

    public string PatchStrategy => _node["x-kubernetes-patch-strategy"]?.GetValue<string>() ?? string.Empty;

    public SchemaNode? Property(string name)
    {
        if (Properties?[name] is JsonObject p)
        {
            return new SchemaNode(p, _definitions);
        }

        return _node["additionalProperties"] is JsonObject ap ? new SchemaNode(ap, _definitions) : null;
    }

    public SchemaNode? Items => _node["items"] is JsonObject items ? new SchemaNode(items, _definitions) : null;

    private static JsonObject Resolve(JsonObject node, JsonObject? definitions)
    {
        for (var depth = 0; depth < 8; depth++)
        {
            var reference = (node["$ref"] is JsonValue v && v.TryGetValue<string>(out var r) ? r : null)
                ?? (node["allOf"] is JsonArray { Count: 1 } all && all[0]?["$ref"] is JsonValue av && av.TryGetValue<string>(out var ar) ? ar : null);
            if (reference is null || definitions is null)
            {
                return node;
            }

            var name = reference[(reference.LastIndexOf('/') + 1)..];
            if (definitions[name] is not JsonObject target)
            {
                return node;
            }

            node = target;
        }

        return node;
    }
}
