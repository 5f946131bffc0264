using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Protobuf;

/// <summary>
/// Encodes a Swagger 2.0 document as the gnostic openapi_v2.Document protobuf message kube-apiserver serves at
/// /openapi/v2 (field numbers from gnostic's OpenAPIv2.proto). Values of `default`, `enum`, `example` and `x-*`
/// extensions are carried as YAML text (JSON is YAML), as gnostic does.
/// </summary>
internal static class OpenApiV2Protobuf
{
    public static byte[] Encode(JsonObject document)
    {
        var doc = new ProtoWriter();
        doc.String(1, Text(document["swagger"]));
        if (document["info"] is JsonObject info)
        {
            var w = new ProtoWriter();
            w.String(1, Text(info["title"]));
            w.String(2, Text(info["version"]));
            doc.Message(2, w, always: true);
        }

        if (document["paths"] is JsonObject paths)
        {
            var w = new ProtoWriter();
            foreach (var (name, item) in paths)
            {
                w.Message(2, Named(name, PathItem((JsonObject)item!)), always: true);
            }

            doc.Message(8, w, always: true);
        }

        if (document["definitions"] is JsonObject definitions)
        {
            var w = new ProtoWriter();
            foreach (var (name, schema) in definitions)
            {
                w.Message(1, Named(name, Schema((JsonObject)schema!)), always: true);
            }

            doc.Message(9, w, always: true);
        }

        return doc.ToArray();
    }

    internal static ProtoWriter Schema(JsonObject s)
    {
        var w = new ProtoWriter();
        w.String(1, Text(s["$ref"]));
        w.String(2, Text(s["format"]));
        w.String(3, Text(s["title"]));
        w.String(4, Text(s["description"]));
        AnyField(w, 5, s["default"]);
        w.Double(6, Number(s["multipleOf"]));
        w.Double(7, Number(s["maximum"]));
        w.Bool(8, Flag(s["exclusiveMaximum"]));
        w.Double(9, Number(s["minimum"]));
        w.Bool(10, Flag(s["exclusiveMinimum"]));
        w.Int64(11, (long)Number(s["maxLength"]));
        w.Int64(12, (long)Number(s["minLength"]));
        w.String(13, Text(s["pattern"]));
        w.Int64(14, (long)Number(s["maxItems"]));
        w.Int64(15, (long)Number(s["minItems"]));
        w.Bool(16, Flag(s["uniqueItems"]));
        w.Int64(17, (long)Number(s["maxProperties"]));
        w.Int64(18, (long)Number(s["minProperties"]));
        foreach (var required in s["required"] as JsonArray ?? [])
        {
            w.String(19, Text(required));
        }

        foreach (var value in s["enum"] as JsonArray ?? [])
        {
            AnyField(w, 20, value ?? JsonValue.Create((string?)null));
        }

        if (s["additionalProperties"] is JsonNode additional)
        {
            var item = new ProtoWriter();
            if (additional is JsonObject schema)
            {
                item.Message(1, Schema(schema), always: true);
            }
            else
            {
                item.Bool(2, Flag(additional));
            }

            w.Message(21, item, always: true);
        }

        if (s["type"] is JsonNode type)
        {
            var item = new ProtoWriter();
            foreach (var t in type is JsonArray types ? types : new JsonArray(type.DeepClone()))
            {
                item.String(1, Text(t));
            }

            w.Message(22, item, always: true);
        }

        if (s["items"] is JsonNode items)
        {
            var item = new ProtoWriter();
            foreach (var schema in items is JsonArray list ? list.OfType<JsonObject>() : [(JsonObject)items])
            {
                item.Message(1, Schema(schema), always: true);
            }

            w.Message(23, item, always: true);
        }

        foreach (var schema in (s["allOf"] as JsonArray ?? []).OfType<JsonObject>())
        {
            w.Message(24, Schema(schema), always: true);
        }

        if (s["properties"] is JsonObject properties)
        {
            var item = new ProtoWriter();
            foreach (var (name, schema) in properties)
            {
                item.Message(1, Named(name, Schema((JsonObject)schema!)), always: true);
            }

            w.Message(25, item, always: true);
        }

        w.String(26, Text(s["discriminator"]));
        w.Bool(27, Flag(s["readOnly"]));
        AnyField(w, 30, s["example"]);
        Extensions(w, 31, s);
        return w;
    }

    private static ProtoWriter PathItem(JsonObject item)
    {
        var w = new ProtoWriter();
        foreach (var (method, field) in new[] { ("get", 2), ("put", 3), ("post", 4), ("delete", 5), ("patch", 8) })
        {
            if (item[method] is JsonObject operation)
            {
                w.Message(field, Operation(operation), always: true);
            }
        }

        foreach (var parameter in (item["parameters"] as JsonArray ?? []).OfType<JsonObject>())
        {
            w.Message(9, OpenApiV2ProtobufParameters.Item(parameter), always: true);
        }

        Extensions(w, 10, item);
        return w;
    }

    private static ProtoWriter Operation(JsonObject op)
    {
        var w = new ProtoWriter();
        w.String(3, Text(op["description"]));
        w.String(5, Text(op["operationId"]));
        foreach (var type in op["produces"] as JsonArray ?? [])
        {
            w.String(6, Text(type));
        }

        foreach (var type in op["consumes"] as JsonArray ?? [])
        {
            w.String(7, Text(type));
        }

        foreach (var parameter in (op["parameters"] as JsonArray ?? []).OfType<JsonObject>())
        {
            w.Message(8, OpenApiV2ProtobufParameters.Item(parameter), always: true);
        }

        if (op["responses"] is JsonObject responses)
        {
            var codes = new ProtoWriter();
            foreach (var (code, response) in responses)
            {
                var r = new ProtoWriter();
                r.String(1, Text(response?["description"]));
                if (response?["schema"] is JsonObject schema)
                {
                    var schemaItem = new ProtoWriter();
                    schemaItem.Message(1, Schema(schema), always: true);
                    r.Message(2, schemaItem, always: true);
                }

                var value = new ProtoWriter();
                value.Message(1, r, always: true);
                codes.Message(1, Named(code, value), always: true);
            }

            w.Message(9, codes, always: true);
        }

        foreach (var scheme in op["schemes"] as JsonArray ?? [])
        {
            w.String(10, Text(scheme));
        }

        Extensions(w, 13, op);
        return w;
    }

    /// <summary>A NamedX message: name (1) and value (2).</summary>
    internal static ProtoWriter Named(string name, ProtoWriter value)
    {
        var w = new ProtoWriter();
        w.String(1, name);
        w.Message(2, value, always: true);
        return w;
    }

    /// <summary>The vendor extensions (x-*) of an object as NamedAny entries.</summary>
    internal static void Extensions(ProtoWriter w, int field, JsonObject o)
    {
        foreach (var (name, value) in o)
        {
            if (name.StartsWith("x-", StringComparison.Ordinal))
            {
                var named = new ProtoWriter();
                named.String(1, name);
                AnyField(named, 2, value);
                w.Message(field, named, always: true);
            }
        }
    }

    /// <summary>An Any message holding the value as YAML text (field 2).</summary>
    internal static void AnyField(ProtoWriter w, int field, JsonNode? value)
    {
        if (value is null && field != 20)
        {
            return;
        }

        var any = new ProtoWriter();
        any.String(2, value is null ? "null" : value.ToJsonString() + "\n");
        w.Message(field, any, always: true);
    }

    internal static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    internal static bool Flag(JsonNode? node) => node?.GetValueKind() == JsonValueKind.True;

    internal static double Number(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : 0;
}
