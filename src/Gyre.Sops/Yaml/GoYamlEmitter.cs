using System.Globalization;
using System.Text;

namespace Gyre.Sops.Yaml;

/// <summary>
/// Prints block YAML the way gopkg.in/yaml.v3's emitter does with SetIndent(n), which is what sops uses: mappings
/// indent by n, sequences inside mappings indent by n (not compact), a mapping inside a sequence item starts after
/// "- ", block scalars indent to the next multiple of n, and scalar styles follow yaml_emitter_select_scalar_style.
/// </summary>
internal sealed class GoYamlEmitter(int indentWidth)
{
    private readonly StringBuilder _out = new();
    private int _documents;

    public void EmitDocument(YamlNode root)
    {
        if (_documents++ > 0)
        {
            _out.Append("---\n");
        }

        if (root.Kind == YamlNodeKind.Mapping && root.Content.Count == 0)
        {
            WriteComment(root.HeadComment, 0);
            _out.Append("{}\n");
            return;
        }

        WriteComment(root.HeadComment, 0);
        EmitBlock(root, 0, inline: false);
    }

    public override string ToString() => _out.ToString();

    private int NextIndent(int indent) => indentWidth * ((indent + indentWidth) / indentWidth);

    // Emits a mapping or sequence in block style, its first line either on a fresh line at `indent` or inline after "- ".
    private void EmitBlock(YamlNode node, int indent, bool inline)
    {
        if (node.Kind == YamlNodeKind.Mapping)
        {
            EmitMapping(node, indent, inline);
        }
        else
        {
            EmitSequence(node, indent, inline);
        }
    }

    private void EmitMapping(YamlNode node, int indent, bool inline)
    {
        for (var i = 0; i < node.Content.Count; i += 2)
        {
            var key = node.Content[i];
            var value = node.Content[i + 1];
            var first = i == 0 && inline;
            if (key.HeadComment.Length > 0)
            {
                if (first)
                {
                    // A comment cannot follow "- " on the same line: start the item's comment there, then indent.
                    WriteCommentInline(key.HeadComment, indent);
                }
                else
                {
                    WriteComment(key.HeadComment, indent);
                }

                first = false;
            }

            if (!first)
            {
                _out.Append(' ', indent);
            }

            _out.Append(ScalarText(key, indent, simpleKey: true)).Append(':');
            EmitValue(value, NextIndent(indent));
            WriteComment(value.FootComment, indent);
            WriteComment(key.FootComment, indent);
        }
    }

    private void EmitSequence(YamlNode node, int indent, bool inline)
    {
        for (var i = 0; i < node.Content.Count; i++)
        {
            var item = node.Content[i];
            var first = i == 0 && inline;
            if (item.HeadComment.Length > 0)
            {
                if (first)
                {
                    WriteCommentInline(item.HeadComment, indent);
                }
                else
                {
                    WriteComment(item.HeadComment, indent);
                }

                first = false;
            }

            if (!first)
            {
                _out.Append(' ', indent);
            }

            _out.Append('-');
            if (item.Kind != YamlNodeKind.Scalar && item.Content.Count > 0)
            {
                _out.Append(' ');
                EmitBlock(item, indent + 2, inline: true);
            }
            else
            {
                EmitValue(item, indent + 2);
            }

            WriteComment(item.FootComment, indent);
        }
    }

    // Writes what follows "key:" or "-": a scalar on the same line, an empty collection as {} or [], or a block below.
    private void EmitValue(YamlNode value, int childIndent)
    {
        switch (value.Kind)
        {
            case YamlNodeKind.Scalar:
                _out.Append(' ').Append(ScalarText(value, childIndent, simpleKey: false));
                if (!EndsAtLineStart())
                {
                    _out.Append('\n');
                }

                break;
            case YamlNodeKind.Mapping when value.Content.Count == 0:
                _out.Append(" {}\n");
                break;
            case YamlNodeKind.Sequence when value.Content.Count == 0:
                _out.Append(" []\n");
                break;
            default:
                _out.Append('\n');
                WriteComment(value.HeadComment, childIndent);
                EmitBlock(value, childIndent, inline: false);
                break;
        }
    }

    private bool EndsAtLineStart() => _out.Length > 0 && _out[^1] == '\n';

    private void WriteComment(string comment, int indent)
    {
        if (comment.Length == 0)
        {
            return;
        }

        foreach (var line in comment.Split('\n'))
        {
            _out.Append(' ', indent).Append(line).Append('\n');
        }
    }

    private void WriteCommentInline(string comment, int indent)
    {
        var lines = comment.Split('\n');
        _out.Append(lines[0]).Append('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            _out.Append(' ', indent).Append(lines[i]).Append('\n');
        }
    }

    private string ScalarText(YamlNode node, int blockIndent, bool simpleKey)
    {
        var value = node.Value;
        var analysis = ScalarAnalysis.Of(value);
        var style = node.Style;
        if (simpleKey && analysis.Multiline)
        {
            style = ScalarStyle.DoubleQuoted;
        }

        var single = false;
        if (style == ScalarStyle.Plain)
        {
            if (!analysis.BlockPlainAllowed || (value.Length == 0 && simpleKey))
            {
                single = true;
            }

            if (single && !analysis.SingleQuotedAllowed)
            {
                style = ScalarStyle.DoubleQuoted;
                single = false;
            }
        }

        if (style == ScalarStyle.Literal && (!analysis.BlockAllowed || simpleKey))
        {
            style = ScalarStyle.DoubleQuoted;
        }

        if (single)
        {
            return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
        }

        return style switch
        {
            ScalarStyle.Plain => value,
            ScalarStyle.DoubleQuoted => DoubleQuoted(value),
            _ => Literal(value, blockIndent),
        };
    }

    private string Literal(string value, int indent)
    {
        var text = new StringBuilder("|");
        if (value.Length > 0 && (value[0] == ' ' || IsBreak(value[0])))
        {
            text.Append(indentWidth.ToString(CultureInfo.InvariantCulture));
        }

        if (value.Length == 0 || !IsBreak(value[^1]))
        {
            text.Append('-');
        }
        else if (value.Length == 1 || IsBreak(value[^2]))
        {
            text.Append('+');
        }

        text.Append('\n');
        var lines = value.Split('\n');
        var count = value.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            if (lines[i].Length > 0)
            {
                text.Append(' ', indent).Append(lines[i]);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static bool IsBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

    private static string DoubleQuoted(string value)
    {
        var text = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\0': text.Append("\\0"); break;
                case '\a': text.Append("\\a"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\v': text.Append("\\v"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                case '\u001b': text.Append("\\e"); break;
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\u0085': text.Append("\\N"); break;
                case '\u00a0': text.Append("\\_"); break;
                case '\u2028': text.Append("\\L"); break;
                case '\u2029': text.Append("\\P"); break;
                case '\ufeff': text.Append("\\uFEFF"); break;
                default:
                    if (ScalarAnalysis.IsPrintable(c) || char.IsSurrogate(c))
                    {
                        text.Append(c);
                    }
                    else if (c <= 0xFF)
                    {
                        text.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
