using System.Text;

namespace Gyre.Kustomize.Yaml;

/// <summary>
/// Writes a document the way kustomize prints it: kustomize turns each resource into JSON and then into YAML with
/// sigs.k8s.io/yaml (yaml.v2), so keys are sorted, comments dropped, sequences sit at their parent key's column,
/// strings are quoted only when yaml.v2 would read them as something else, and long scalars fold at column 80.
/// The block layout and scalar writers follow libyaml's emitter (emitterc.go) that yaml.v2 ports.
/// </summary>
internal sealed partial class GoYamlV2Writer
{
    private const int BestWidth = 80;
    private const int BestIndent = 2;

    private readonly StringBuilder _out;
    private int _column;
    private bool _whitespace = true;
    private bool _indention = true;
    private int _indent;

    private GoYamlV2Writer(StringBuilder output) => _out = output;

    /// <summary>Appends one document (no separator) ending with a newline.</summary>
    public static void WriteDocument(YamlNode root, StringBuilder output)
    {
        var writer = new GoYamlV2Writer(output);
        writer.WriteNode(OutputValue.From(root), indent: -1, inSequence: false, inMapping: false);
        if (writer._column > 0)
        {
            writer.PutBreak();
        }
    }

    private void WriteNode(OutputValue value, int indent, bool inSequence, bool inMapping)
    {
        switch (value.Kind)
        {
            case OutputKind.Mapping when value.Entries.Count > 0:
                WriteBlockMapping(value, indent < 0 ? 0 : indent + BestIndent);
                break;
            case OutputKind.Sequence when value.Items.Count > 0:
                var indentless = inMapping && !_indention;
                WriteBlockSequence(value, indent < 0 ? 0 : indentless ? indent : indent + BestIndent);
                break;
            case OutputKind.Mapping:
                WriteIndicator("{", needWhitespace: true, isWhitespace: true, isIndention: false);
                WriteIndicator("}", needWhitespace: false, isWhitespace: false, isIndention: false);
                break;
            case OutputKind.Sequence:
                WriteIndicator("[", needWhitespace: true, isWhitespace: true, isIndention: false);
                WriteIndicator("]", needWhitespace: false, isWhitespace: false, isIndention: false);
                break;
            default:
                _ = inSequence;
                WriteScalar(value, indent < 0 ? 0 : indent + BestIndent, simpleKey: false);
                break;
        }
    }

    private void WriteBlockMapping(OutputValue mapping, int indent)
    {
        foreach (var (key, value) in mapping.Entries)
        {
            _indent = indent;
            WriteIndent();
            WriteScalar(OutputValue.String(key), indent + BestIndent, simpleKey: true);
            WriteIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false);
            WriteNode(value, indent, inSequence: false, inMapping: true);
        }
    }

    private void WriteBlockSequence(OutputValue sequence, int indent)
    {
        foreach (var item in sequence.Items)
        {
            _indent = indent;
            WriteIndent();
            WriteIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true);
            WriteNode(item, indent, inSequence: true, inMapping: false);
        }
    }

    private void WriteScalar(OutputValue value, int indent, bool simpleKey)
    {
        _indent = indent;
        if (value.Kind != OutputKind.String)
        {
            WritePlain(value.Text, allowBreaks: !simpleKey);
            return;
        }

        var text = value.Text;
        var analysis = ScalarAnalysis.Of(text);
        var style = ChooseStyle(text, analysis, simpleKey);
        switch (style)
        {
            case ScalarStyle.Plain:
                WritePlain(text, allowBreaks: !simpleKey);
                break;
            case ScalarStyle.SingleQuoted:
                WriteSingleQuoted(text, allowBreaks: !simpleKey);
                break;
            case ScalarStyle.Literal:
                WriteLiteral(text);
                break;
            default:
                WriteDoubleQuoted(text, allowBreaks: !simpleKey);
                break;
        }
    }

    /// <summary>yaml.v2 encode.go stringv followed by libyaml's yaml_emitter_select_scalar_style.</summary>
    private static ScalarStyle ChooseStyle(string text, ScalarAnalysis analysis, bool simpleKey)
    {
        var canUsePlain = GoScalarResolver.V2.Resolve(text) == YamlTags.Str && !IsBase60Float(text);
        var style = text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : canUsePlain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted;
        if (simpleKey && analysis.Multiline)
        {
            style = ScalarStyle.DoubleQuoted;
        }

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

    private static bool IsBase60Float(string text)
    {
        if (text.Length == 0 || !(text[0] is '+' or '-' || char.IsAsciiDigit(text[0])) || !text.Contains(':', StringComparison.Ordinal))
        {
            return false;
        }

        return Base60Float().IsMatch(text);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")]
    private static partial System.Text.RegularExpressions.Regex Base60Float();

    private enum ScalarStyle
    {
        Plain,
        SingleQuoted,
        DoubleQuoted,
        Literal,
    }
}
