using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gyre.Manifests.Json;

/// <summary>
/// Writes JSON the way Go's encoding/json does for unstructured objects: map keys sorted by byte order, HTML-safe
/// escapes (&lt; &gt; &amp; U+2028 U+2029), Go's float format, and kubectl's 4-space indentation when indented.
/// </summary>
public static class GoJson
{
    public static string Serialize(JsonNode? node, bool indented = false, string indent = "    ")
    {
        var text = new StringBuilder();
        Write(text, node, indented ? indent : null, 0);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node, string? indent, int depth)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                WriteObject(text, obj, indent, depth);
                break;
            case JsonArray array:
                WriteArray(text, array, indent, depth);
                break;
            case JsonValue value:
                WriteValue(text, value);
                break;
        }
    }

    private static void WriteObject(StringBuilder text, JsonObject obj, string? indent, int depth)
    {
        if (obj.Count == 0)
        {
            text.Append("{}");
            return;
        }

        text.Append('{');
        var first = true;
        foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            NewLine(text, indent, depth + 1);
            WriteString(text, key);
            text.Append(indent is null ? ":" : ": ");
            Write(text, value, indent, depth + 1);
        }

        NewLine(text, indent, depth);
        text.Append('}');
    }

    private static void WriteArray(StringBuilder text, JsonArray array, string? indent, int depth)
    {
        if (array.Count == 0)
        {
            text.Append("[]");
            return;
        }

        text.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            NewLine(text, indent, depth + 1);
            Write(text, array[i], indent, depth + 1);
        }

        NewLine(text, indent, depth);
        text.Append(']');
    }

    private static void NewLine(StringBuilder text, string? indent, int depth)
    {
        if (indent is null)
        {
            return;
        }

        text.Append('\n');
        for (var i = 0; i < depth; i++)
        {
            text.Append(indent);
        }
    }

    private static void WriteValue(StringBuilder text, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(text, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                text.Append("true");
                break;
            case JsonValueKind.False:
                text.Append("false");
                break;
            case JsonValueKind.Null:
                text.Append("null");
                break;
            case JsonValueKind.Number:
                text.Append(FormatNumber(value));
                break;
            default:
                throw new ManifestException($"cannot write a JSON value of kind {value.GetValueKind()}");
        }
    }

    /// <summary>The JSON text of a number node: integers in decimal, floats in Go's format.</summary>
    public static string FormatNumber(JsonValue value)
    {
        if (KubeNumbers.TryGetInt64(value, out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }

        if (value.TryGetValue(out double d))
        {
            return GoFloat.FormatJson(d);
        }

        if (value.TryGetValue(out JsonElement element))
        {
            return element.TryGetInt64(out var l)
                ? l.ToString(CultureInfo.InvariantCulture)
                : GoFloat.FormatJson(element.GetDouble());
        }

        return GoFloat.FormatJson(Convert.ToDouble(value.ToString(), CultureInfo.InvariantCulture));
    }

    /// <summary>A quoted JSON string with Go's escaping rules.</summary>
    public static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break; // Go 1.22+ writes \b and \f short forms
                case '\f': text.Append("\\f"); break;
                case '<': text.Append("\\u003c"); break;
                case '>': text.Append("\\u003e"); break;
                case '&': text.Append("\\u0026"); break;
                case '\u2028': text.Append("\\u2028"); break;
                case '\u2029': text.Append("\\u2029"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
