using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gyre.Manifests.Json;

namespace Gyre.Manifests.Yaml;

/// <summary>
/// Writes JSON values as YAML exactly as kubectl -o yaml does (sigs.k8s.io/yaml's JSONToYAML on go-yaml v2): keys in
/// go-yaml's order, block style, indentless sequences under keys, strings quoted only when they would read back as
/// something else, multi-line strings as literal blocks, long lines folded at 80 columns.
/// </summary>
public sealed partial class YamlWriter
{
    private const int BestIndent = 2;
    private const int BestWidth = 80;

    private readonly StringBuilder _out = new();
    private readonly Stack<int> _indents = new();
    private int _indent = -1;
    private int _column;
    private bool _whitespace = true;
    private bool _indention = true;

    private YamlWriter()
    {
    }

    /// <summary>One YAML document, ending in a newline.</summary>
    public static string Write(JsonNode? node)
    {
        var writer = new YamlWriter();
        writer.EmitNode(node, mappingContext: false, simpleKey: false);
        writer.WriteIndent();
        return writer._out.ToString();
    }

    /// <summary>Several documents separated by "---" lines.</summary>
    public static string WriteDocuments(IEnumerable<JsonNode?> nodes) => string.Join("---\n", nodes.Select(Write));

    private void EmitNode(JsonNode? node, bool mappingContext, bool simpleKey)
    {
        switch (node)
        {
            case JsonObject obj:
                EmitMapping(obj);
                break;
            case JsonArray array:
                EmitSequence(array, mappingContext);
                break;
            default:
                EmitScalarValue(node as JsonValue, simpleKey);
                break;
        }
    }

    private void EmitMapping(JsonObject obj)
    {
        if (obj.Count == 0)
        {
            WriteIndicator("{", needWhitespace: true, isWhitespace: true, isIndention: false);
            WriteIndicator("}", needWhitespace: false, isWhitespace: false, isIndention: false);
            return;
        }

        IncreaseIndent(flow: false, indentless: false);
        foreach (var key in YamlKeyOrder.Sort(obj.Select(p => p.Key)))
        {
            WriteIndent();
            if (IsSimpleKey(key))
            {
                EmitScalar(key, SelectStyle(StringStyle(key), key, simpleKey: true), allowBreaks: false);
                WriteIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false);
            }
            else
            {
                // libyaml's complex key form for keys longer than 128 characters or spanning lines.
                WriteIndicator("?", needWhitespace: true, isWhitespace: false, isIndention: true);
                EmitScalar(key, SelectStyle(StringStyle(key), key, simpleKey: false), allowBreaks: true);
                WriteIndent();
                WriteIndicator(":", needWhitespace: true, isWhitespace: false, isIndention: true);
            }

            EmitNode(obj[key], mappingContext: true, simpleKey: false);
        }

        PopIndent();
    }

    private void EmitSequence(JsonArray array, bool mappingContext)
    {
        if (array.Count == 0)
        {
            WriteIndicator("[", needWhitespace: true, isWhitespace: true, isIndention: false);
            WriteIndicator("]", needWhitespace: false, isWhitespace: false, isIndention: false);
            return;
        }

        IncreaseIndent(flow: false, indentless: mappingContext && !_indention);
        foreach (var item in array)
        {
            WriteIndent();
            WriteIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true);
            EmitNode(item, mappingContext: false, simpleKey: false);
        }

        PopIndent();
    }

    private void EmitScalarValue(JsonValue? value, bool simpleKey)
    {
        var (text, requested) = value is null ? ("null", ScalarStyle.Plain) : Scalar(value);
        EmitScalar(text, SelectStyle(requested, text, simpleKey), allowBreaks: !simpleKey);
    }

    private static (string Text, ScalarStyle Style) Scalar(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                var s = value.GetValue<string>();
                return (s, StringStyle(s));
            case JsonValueKind.True:
                return ("true", ScalarStyle.Plain);
            case JsonValueKind.False:
                return ("false", ScalarStyle.Plain);
            case JsonValueKind.Number:
                return (NumberText(value), ScalarStyle.Plain);
            default:
                return ("null", ScalarStyle.Plain);
        }
    }

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

    // go-yaml v2's stringv: literal for multi-line text, plain unless it would read back as another type.
    private static ScalarStyle StringStyle(string s)
    {
        if (s.Contains('\n', StringComparison.Ordinal))
        {
            return ScalarStyle.Literal;
        }

        var canUsePlain = !YamlScalarResolver.ResolvesToNonString(s) && !Base60Float().IsMatch(s);
        return canUsePlain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted;
    }

    // libyaml's yaml_emitter_select_scalar_style in block context (flow level 0).
    private static ScalarStyle SelectStyle(ScalarStyle requested, string text, bool simpleKey)
    {
        var analysis = YamlScalarAnalysis.Of(text);
        var style = requested;
        if (style == ScalarStyle.Plain && (!analysis.BlockPlainAllowed || (text.Length == 0 && simpleKey)))
        {
            style = ScalarStyle.SingleQuoted;
        }

        if (style == ScalarStyle.SingleQuoted && !analysis.SingleQuotedAllowed)
        {
            style = ScalarStyle.DoubleQuoted;
        }

        if (style == ScalarStyle.Literal && (!analysis.BlockAllowed || simpleKey))
        {
            style = ScalarStyle.DoubleQuoted;
        }

        return style;
    }

    private void EmitScalar(string text, ScalarStyle style, bool allowBreaks)
    {
        IncreaseIndent(flow: true, indentless: false);
        switch (style)
        {
            case ScalarStyle.Literal:
                WriteLiteral(text);
                break;
            case ScalarStyle.DoubleQuoted:
                WriteDoubleQuoted(text, allowBreaks);
                break;
            case ScalarStyle.SingleQuoted:
                WriteSingleQuoted(text, allowBreaks);
                break;
            default:
                WritePlain(text, allowBreaks);
                break;
        }

        PopIndent();
    }

    private static bool IsSimpleKey(string key) =>
        key.Length <= 128 && !YamlScalarAnalysis.Of(key).Multiline;

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Base60Float();

    private enum ScalarStyle
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
        Literal,
    }
}
