using System.Text;
using System.Text.RegularExpressions;

namespace Gyre.Manifests.Yaml;

/// <summary>
/// The YAML printer of sigs.k8s.io/yaml (go-yaml v2 driving libyaml's emitter), fed one event at a time: block style,
/// indentless sequences under keys, strings quoted only when they would read back as something else, multi-line
/// strings as literal blocks, long lines folded at 80 columns. Both kubectl's JSON-to-YAML output (<see cref="YamlWriter"/>)
/// and kustomize's printer feed it, each after ordering keys and typing scalars its own way.
/// </summary>
public sealed partial class YamlEmitter
{
    private const int BestIndent = 2;
    private const int BestWidth = 80;

    private readonly StringBuilder _out;
    private readonly Stack<int> _indents = new();
    private int _indent = -1;
    private int _column;
    private bool _whitespace = true;
    private bool _indention = true;
    private bool _mappingValue;

    /// <summary>An emitter appending one document to <paramref name="output"/>.</summary>
    public YamlEmitter(StringBuilder output) => _out = output;

    /// <summary>Starts a non-empty block mapping; follow with <see cref="Key"/> and a value per entry.</summary>
    public void BeginMapping()
    {
        _mappingValue = false;
        IncreaseIndent(flow: false, indentless: false);
    }

    /// <summary>A mapping key; the next node is its value.</summary>
    public void Key(string key)
    {
        WriteIndent();
        var analysis = YamlScalarAnalysis.Of(key);
        if (IsSimpleKey(key, analysis))
        {
            EmitScalar(key, SelectStyle(StringStyle(key), key, analysis, simpleKey: true), allowBreaks: false);
            WriteIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false);
        }
        else
        {
            // libyaml's complex key form for keys longer than 128 bytes or spanning lines.
            WriteIndicator("?", needWhitespace: true, isWhitespace: false, isIndention: true);
            EmitScalar(key, SelectStyle(StringStyle(key), key, analysis, simpleKey: false), allowBreaks: true);
            WriteIndent();
            WriteIndicator(":", needWhitespace: true, isWhitespace: false, isIndention: true);
        }

        _mappingValue = true;
    }

    /// <summary>Ends the mapping begun by <see cref="BeginMapping"/>.</summary>
    public void EndMapping() => PopIndent();

    /// <summary>An empty mapping, written "{}".</summary>
    public void EmptyMapping() => WriteEmpty("{", "}");

    /// <summary>Starts a non-empty block sequence; follow with <see cref="Item"/> and a node per item.</summary>
    public void BeginSequence()
    {
        // A sequence that is a mapping value sits at its key's column (libyaml's indentless sequence).
        var indentless = _mappingValue && !_indention;
        _mappingValue = false;
        IncreaseIndent(flow: false, indentless);
    }

    /// <summary>The "-" of the next sequence item; the next node is the item.</summary>
    public void Item()
    {
        WriteIndent();
        WriteIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true);
        _mappingValue = false;
    }

    /// <summary>Ends the sequence begun by <see cref="BeginSequence"/>.</summary>
    public void EndSequence() => PopIndent();

    /// <summary>An empty sequence, written "[]".</summary>
    public void EmptySequence() => WriteEmpty("[", "]");

    /// <summary>A string, in the style go-yaml v2's encoder asks for (literal, plain, or quoted when plain would not read back as this string).</summary>
    public void String(string value) => Scalar(value, StringStyle(value));

    /// <summary>A null, boolean or number already formatted as go-yaml v2 prints it ("null", "true", "1e+06").</summary>
    public void Plain(string text) => Scalar(text, ScalarStyle.Plain);

    /// <summary>Ends the document with a line break.</summary>
    public void EndDocument() => WriteIndent();

    private void Scalar(string text, ScalarStyle requested)
    {
        _mappingValue = false;
        EmitScalar(text, SelectStyle(requested, text, YamlScalarAnalysis.Of(text), simpleKey: false), allowBreaks: true);
    }

    private void WriteEmpty(string open, string close)
    {
        _mappingValue = false;
        WriteIndicator(open, needWhitespace: true, isWhitespace: true, isIndention: false);
        WriteIndicator(close, needWhitespace: false, isWhitespace: false, isIndention: false);
    }

    // go-yaml v2's stringv: literal for multi-line text, plain unless it would read back as another type.
    private static ScalarStyle StringStyle(string s)
    {
        if (s.Contains('\n', StringComparison.Ordinal))
        {
            return ScalarStyle.Literal;
        }

        var canUsePlain = !YamlScalarResolver.ResolvesToNonString(s) && !IsBase60Float(s);
        return canUsePlain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted;
    }

    // libyaml's yaml_emitter_select_scalar_style in block context (flow level 0).
    private static ScalarStyle SelectStyle(ScalarStyle requested, string text, YamlScalarAnalysis analysis, bool simpleKey)
    {
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

    // libyaml's yaml_emitter_check_simple_key: on one line and at most 128 bytes of UTF-8 (a UTF-16 unit is at most 3).
    private static bool IsSimpleKey(string key, YamlScalarAnalysis analysis) =>
        !analysis.Multiline && (key.Length <= 128 / 3 || Encoding.UTF8.GetByteCount(key) <= 128);

    // yaml.v2's isBase60Float, with its cheap pre-checks before the regular expression.
    private static bool IsBase60Float(string s) =>
        s.Length > 0 && (s[0] is '+' or '-' || char.IsAsciiDigit(s[0])) && s.Contains(':', StringComparison.Ordinal) && Base60Float().IsMatch(s);

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
