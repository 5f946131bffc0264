using System.Text.Json.Nodes;
using static Gyre.LocalCluster.Protobuf.OpenApiV2Protobuf;

namespace Gyre.LocalCluster.Protobuf;

/// <summary>
/// Swagger 2.0 path items as gnostic PathItem messages: operations with their responses, and parameters as
/// ParametersItem messages (body parameters, and query/path parameters as NonBodyParameter sub-schemas; kubectl
/// finds fieldValidation among the query ones).
/// </summary>
internal static class OpenApiV2ProtobufPaths
{
    public static ProtoWriter PathItem(JsonObject item)
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
            w.Message(9, Parameter(parameter), always: true);
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
            w.Message(8, Parameter(parameter), always: true);
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
                    schemaItem.Message(1, OpenApiV2Protobuf.Schema(schema), always: true);
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

    private static ProtoWriter Parameter(JsonObject p)
    {
        var parameter = new ProtoWriter();
        if (Text(p["in"]) == "body")
        {
            var body = new ProtoWriter();
            body.String(1, Text(p["description"]));
            body.String(2, Text(p["name"]));
            body.String(3, "body");
            body.Bool(4, Flag(p["required"]));
            if (p["schema"] is JsonObject schema)
            {
                body.Message(5, OpenApiV2Protobuf.Schema(schema), always: true);
            }

            Extensions(body, 6, p);
            parameter.Message(1, body, always: true);
        }
        else
        {
            // NonBodyParameter: header (1), formData (2), query (3), path (4); the sub-schemas share their first fields.
            var location = Text(p["in"]);
            var (oneof, typeField, uniqueField, extensionField) = location switch
            {
                "header" => (1, 5, 19, 22),
                "formData" => (2, 6, 20, 23),
                "path" => (4, 5, 19, 22),
                _ => (3, 6, 20, 23),
            };
            var sub = new ProtoWriter();
            sub.Bool(1, Flag(p["required"]));
            sub.String(2, location);
            sub.String(3, Text(p["description"]));
            sub.String(4, Text(p["name"]));
            sub.String(typeField, Text(p["type"]));
            sub.Bool(uniqueField, Flag(p["uniqueItems"]));
            Extensions(sub, extensionField, p);
            var nonBody = new ProtoWriter();
            nonBody.Message(oneof, sub, always: true);
            parameter.Message(2, nonBody, always: true);
        }

        var item = new ProtoWriter();
        item.Message(1, parameter, always: true);
        return item;
    }
}
