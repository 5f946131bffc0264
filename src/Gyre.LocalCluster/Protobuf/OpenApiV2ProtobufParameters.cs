using System.Text.Json.Nodes;
using static Gyre.LocalCluster.Protobuf.OpenApiV2Protobuf;

namespace Gyre.LocalCluster.Protobuf;

/// <summary>
/// Swagger 2.0 operation parameters as gnostic ParametersItem messages: body parameters, and query/path
/// parameters as NonBodyParameter sub-schemas (kubectl finds fieldValidation among the query ones).
/// </summary>
internal static class OpenApiV2ProtobufParameters
{
    public static ProtoWriter Item(JsonObject p)
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
