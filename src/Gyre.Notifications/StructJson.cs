using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Manifests.Json;

namespace Gyre.Notifications;

/// <summary>
/// JSON as Go's encoding/json writes a struct: fields in declaration (insertion) order, with Go's string escaping
/// and number format. Maps must be inserted already sorted, as Go sorts map keys.
/// </summary>
internal static class StructJson
{
    public static string Serialize(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    public static byte[] SerializeToUtf8(JsonNode? node) => Encoding.UTF8.GetBytes(Serialize(node));

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    text.Append(first ? string.Empty : ",");
                    first = false;
                    GoJson.WriteString(text, key);
                    text.Append(':');
                    Write(text, value);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    text.Append(i == 0 ? string.Empty : ",");
                    Write(text, array[i]);
                }

                text.Append(']');
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String: GoJson.WriteString(text, value.GetValue<string>()); break;
                    case JsonValueKind.Number: text.Append(GoJson.FormatNumber(value)); break;
                    case JsonValueKind.True: text.Append("true"); break;
                    case JsonValueKind.False: text.Append("false"); break;
                    default: text.Append("null"); break;
                }

                break;
        }
    }
}
