using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Manifests.Json;

namespace Gyre.Manifests.Yaml;

/// <summary>
/// Writes JSON values as YAML exactly as kubectl -o yaml does (sigs.k8s.io/yaml's JSONToYAML on go-yaml v2): keys in
/// go-yaml's order, numbers as go-yaml prints the value it reads back from the JSON text, laid out by <see cref="YamlEmitter"/>.
/// </summary>
public static class YamlWriter
{
    /// <summary>One YAML document, ending in a newline.</summary>
    public static string Write(JsonNode? node)
    {
        var output = new StringBuilder();
        WriteDocument(node, output);
        return output.ToString();
    }

    /// <summary>Appends one YAML document, ending in a newline, to <paramref name="output"/>.</summary>
    public static void WriteDocument(JsonNode? node, StringBuilder output)
    {
        var emitter = new YamlEmitter(output);
        Emit(emitter, node);
        emitter.EndDocument();
    }

    /// <summary>Several documents separated by "---" lines.</summary>
    public static string WriteDocuments(IEnumerable<JsonNode?> nodes)
    {
        var output = new StringBuilder();
        var first = true;
        foreach (var node in nodes)
        {
            if (!first)
            {
                output.Append("---\n");
            }

            first = false;
            WriteDocument(node, output);
        }

        return output.ToString();
    }

    private static void Emit(YamlEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject { Count: 0 }:
                emitter.EmptyMapping();
                break;
            case JsonObject obj:
                emitter.BeginMapping();
                foreach (var (key, value) in YamlKeyOrder.Sort(obj))
                {
                    emitter.Key(key);
                    Emit(emitter, value);
                }

                emitter.EndMapping();
                break;
            case JsonArray { Count: 0 }:
                emitter.EmptySequence();
                break;
            case JsonArray array:
                emitter.BeginSequence();
                foreach (var item in array)
                {
                    emitter.Item();
                    Emit(emitter, item);
                }

                emitter.EndSequence();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                emitter.String(value.GetValue<string>());
                break;
            default:
                emitter.Plain(NonString(node as JsonValue));
                break;
        }
    }

    private static string NonString(JsonValue? value) => value?.GetValueKind() switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => NumberText(value),
        _ => "null",
    };

    /// <summary>
    /// kubectl turns the JSON text back into a YAML value: integer text stays as written (even beyond int64), other
    /// numbers become float64 and print with strconv's 'g' format.
    /// </summary>
    private static string NumberText(JsonValue value)
    {
        var json = GoJson.FormatNumber(value);
        if (GoInt.TryParseInt64(json, out _) || GoInt.TryParseUInt64(json, out _))
        {
            return json;
        }

        return GoFloat.FormatG(double.Parse(json, NumberStyles.Float, CultureInfo.InvariantCulture));
    }
}
