using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Schema;

/// <summary>
/// Turns a CRD's structural OpenAPI v3 schema into what kube-apiserver publishes in OpenAPI v2, where kubectl's
/// client-side validator (which knows neither nullable nor preserve-unknown-fields) reads it: allOf/oneOf/anyOf/not
/// dropped; a nullable node loses its type, properties and items; a node preserving unknown fields loses its
/// properties and items; an array without items and an int-or-string lose their type; nullable properties are not
/// required.
/// </summary>
internal static class CrdSchemaToV2
{
    public static void Convert(JsonObject schema)
    {
        var nullable = schema["nullable"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
        foreach (var key in new[] { "allOf", "oneOf", "anyOf", "not", "nullable", "x-kubernetes-validations" })
        {
            schema.Remove(key);
        }

        if (nullable)
        {
            schema.Remove("type");
            schema.Remove("items");
            schema.Remove("properties");
        }

        if (schema["x-kubernetes-preserve-unknown-fields"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
        {
            schema.Remove("items");
            schema.Remove("properties");
        }

        if ((schema["type"]?.GetValue<string>() == "array" && schema["items"] is null) || schema["x-kubernetes-int-or-string"]?.GetValueKind() == System.Text.Json.JsonValueKind.True)
        {
            schema.Remove("type");
        }

        if (schema["properties"] is JsonObject properties)
        {
            var nullableProperties = properties.Where(p => p.Value?["nullable"]?.GetValueKind() == System.Text.Json.JsonValueKind.True).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
            if (nullableProperties.Count > 0 && schema["required"] is JsonArray required)
            {
                foreach (var item in required.Where(r => r is not null && nullableProperties.Contains(r.GetValue<string>())).ToList())
                {
                    required.Remove(item);
                }
            }

            foreach (var property in properties.Select(p => p.Value).OfType<JsonObject>())
            {
                Convert(property);
            }
        }

        if (schema["items"] is JsonObject items)
        {
            Convert(items);
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            Convert(additional);
        }
    }
}
