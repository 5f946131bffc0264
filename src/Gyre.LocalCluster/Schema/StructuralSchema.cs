using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gyre.LocalCluster.Api;

namespace Gyre.LocalCluster.Schema;

/// <summary>
/// Structural-schema processing of custom resources as apiextensions-apiserver does it: prune unknown fields (unless
/// x-kubernetes-preserve-unknown-fields), apply `default`s, and validate type, enum, pattern, bounds, lengths and
/// required fields with kube-openapi's messages ("spec.size in body must be of type integer: \"string\"").
/// </summary>
internal static class StructuralSchema
{
    public static JsonNode? Process(JsonNode? value, SchemaNode? schema, string path, List<StatusCause> causes)
    {
        if (schema is null)
        {
            return value;
        }

        if (value is null)
        {
            if (schema.Raw["nullable"]?.GetValue<bool>() != true)
            {
                causes.Add(new StatusCause("FieldValueTypeInvalid", $"Invalid value: \"null\": {path} in body must be of type {schema.Type ?? "object"}: \"null\"", path));
            }

            return null;
        }

        if (!TypeMatches(value, schema))
        {
            causes.Add(new StatusCause("FieldValueTypeInvalid", $"Invalid value: \"{KindName(value)}\": {path} in body must be of type {schema.Type}: \"{KindName(value)}\"", path));
            return value;
        }

        switch (value)
        {
            case JsonObject o:
                ProcessObject(o, schema, path, causes);
                break;
            case JsonArray a:
                ProcessArray(a, schema, path, causes);
                break;
            default:
                CheckScalar(value.AsValue(), schema, path, causes);
                break;
        }

        return value;
    }

    public static void ApplyDefaults(JsonObject obj, SchemaNode schema)
    {
        foreach (var (key, prop) in schema.Properties ?? [])
        {
            if (prop is not JsonObject propSchema)
            {
                continue;
            }

            if (obj[key] is null && !obj.ContainsKey(key) && propSchema["default"] is { } def)
            {
                obj[key] = def.DeepClone();
            }

            var child = new SchemaNode(propSchema, null);
            if (obj[key] is JsonObject o)
            {
                ApplyDefaults(o, child);
            }
            else if (obj[key] is JsonArray a && child.Items is { } items)
            {
                foreach (var item in a.OfType<JsonObject>())
                {
                    ApplyDefaults(item, items);
                }
            }
        }
    }

    public static void CheckRequired(JsonObject obj, SchemaNode schema, string path, List<StatusCause> causes, bool skipMetadata = false)
    {
        foreach (var required in (schema.Raw["required"] as JsonArray ?? []).Select(r => r?.GetValue<string>()).OfType<string>())
        {
            if (skipMetadata && required is "metadata" or "apiVersion" or "kind")
            {
                continue;
            }

            if (!obj.ContainsKey(required))
            {
                var field = path.Length == 0 ? required : path + "." + required;
                causes.Add(new StatusCause("FieldValueRequired", "Required value", field));
            }
        }

        foreach (var (key, value) in obj)
        {
            if (value is JsonObject child && schema.Properties?[key] is JsonObject childSchema && !(skipMetadata && key == "metadata"))
            {
                CheckRequired(child, new SchemaNode(childSchema, null), path.Length == 0 ? key : path + "." + key, causes);
            }
        }
    }

    private static void ProcessObject(JsonObject o, SchemaNode schema, string path, List<StatusCause> causes)
    {
        var props = schema.Properties;
        var additional = schema.Raw["additionalProperties"] as JsonObject;
        foreach (var (key, child) in o.ToList())
        {
            var childSchema = props?[key] is JsonObject p ? new SchemaNode(p, null) : additional is not null ? new SchemaNode(additional, null) : null;
            if (childSchema is null && props is not null && !schema.PreservesUnknownFields)
            {
                o.Remove(key);
                continue;
            }

            var processed = Process(child, childSchema, path + "." + key, causes);
            if (!ReferenceEquals(processed, child))
            {
                o[key] = processed;
            }
        }
    }

    private static void ProcessArray(JsonArray a, SchemaNode schema, string path, List<StatusCause> causes)
    {
        CheckBound(schema, "minItems", a.Count, v => a.Count < v, path, $"should have at least {{0}} items", causes, a.ToJsonString());
        CheckBound(schema, "maxItems", a.Count, v => a.Count > v, path, $"should have at most {{0}} items", causes, a.ToJsonString());
        for (var i = 0; i < a.Count; i++)
        {
            // Re-assigning the same node to its own slot throws ("the node already has a parent"): only replace changes.
            var item = a[i];
            var processed = Process(item, schema.Items, $"{path}[{i}]", causes);
            if (!ReferenceEquals(processed, item))
            {
                a[i] = processed;
            }
        }
    }

    private static void CheckScalar(JsonValue value, SchemaNode schema, string path, List<StatusCause> causes)
    {
        var raw = value.ToJsonString(JsonContextOptions);
        if (schema.Raw["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
        {
            causes.Add(new StatusCause("FieldValueNotSupported", $"Unsupported value: {raw}: supported values: {string.Join(", ", options.Select(o => o?.ToJsonString(JsonContextOptions)))}", path));
        }

        if (value.TryGetValue<string>(out var s))
        {
            if (schema.Raw["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(s, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                causes.Add(new StatusCause("FieldValueInvalid", $"Invalid value: {raw}: {path} in body should match '{pattern}'", path));
            }

            CheckBound(schema, "minLength", s.Length, v => s.Length < v, path, "should be at least {0} chars long", causes, raw);
            CheckBound(schema, "maxLength", s.Length, v => s.Length > v, path, "should be at most {0} chars long", causes, raw);
        }
        else if (value.TryGetValue<double>(out var d))
        {
            CheckBound(schema, "minimum", d, v => d < v, path, "should be greater than or equal to {0}", causes, raw);
            CheckBound(schema, "maximum", d, v => d > v, path, "should be less than or equal to {0}", causes, raw);
        }
    }

    private static void CheckBound(SchemaNode schema, string keyword, double actual, Func<double, bool> violated, string path, string message, List<StatusCause> causes, string raw)
    {
        _ = actual;
        if (schema.Raw[keyword] is JsonValue bound && bound.TryGetValue<double>(out var v) && violated(v))
        {
            var text = string.Format(CultureInfo.InvariantCulture, message, v);
            var reason = keyword is "maxLength" or "maxItems" ? "FieldValueTooLong" : "FieldValueInvalid";
            causes.Add(new StatusCause(reason, $"Invalid value: {raw}: {path} in body {text}", path));
        }
    }

    private static bool TypeMatches(JsonNode value, SchemaNode schema)
    {
        if (schema.IsIntOrString)
        {
            return value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number;
        }

        return (schema.Type, value.GetValueKind()) switch
        {
            (null, _) => true,
            ("object", JsonValueKind.Object) => true,
            ("array", JsonValueKind.Array) => true,
            ("string", JsonValueKind.String) => true,
            ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
            ("integer", JsonValueKind.Number) => (value.AsValue().TryGetValue<long>(out _) || value.AsValue().TryGetValue<int>(out _)),
            ("number", JsonValueKind.Number) => true,
            _ => false,
        };
    }

    private static string KindName(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => (value.AsValue().TryGetValue<long>(out _) || value.AsValue().TryGetValue<int>(out _)) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static readonly JsonSerializerOptions JsonContextOptions = Storage.JsonContext.Options;
}
