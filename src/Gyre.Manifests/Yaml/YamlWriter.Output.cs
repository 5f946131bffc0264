using System.Globalization;
using System.Text;

namespace Gyre.Manifests.Yaml;

/// <summary>The character-level writers, ported from libyaml's emitter (as vendored by go-yaml v2).</summary>
public sealed partial class YamlWriter
{
    private void IncreaseIndent(bool flow, bool indentless)
    {
        _indents.Push(_indent);
        if (_indent < 0)
        {
            _indent = flow ? BestIndent : 0;
        }
        else if (!indentless)
        {
            _indent += BestIndent;
        }
    }

    private void PopIndent() => _indent = _indents.Pop();

    private void Put(char c)
    {
        _out.Append(c);
        _column++;
    }

    private void Put(Rune r)
    {
        _out.Append(r.ToString());
        _column++;
    }

    private void PutBreak()
    {
        _out.Append('\n');
        _column = 0;
    }

    private void WriteIndent()
    {
        var indent = Math.Max(_indent, 0);
        if (!_indention || _column > indent || (_column == indent && !_whitespace))
        {
            PutBreak();
        }

        while (_column < indent)
        {
            Put(' ');
        }

        _whitespace = true;
        _indention = true;
    }

    private void WriteIndicator(string indicator, bool needWhitespace, bool isWhitespace, bool isIndention)
    {
        if (needWhitespace && !_whitespace)
        {
            Put(' ');
        }

        foreach (var c in indicator)
        {
            Put(c);
        }

        _whitespace = isWhitespace;
        _indention = _indention && isIndention;
    }

    private void WritePlain(string value, bool allowBreaks)
    {
        if (!_whitespace)
        {
            Put(' ');
        }

        var runes = ToRunes(value);
        var spaces = false;
        for (var i = 0; i < runes.Length; i++)
        {
            if (runes[i].Value == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && !(i + 1 < runes.Length && runes[i + 1].Value == ' '))
                {
                    WriteIndent();
                }
                else
                {
                    Put(runes[i]);
                }

                spaces = true;
            }
            else
            {
                Put(runes[i]);
                spaces = false;
            }
        }

        _whitespace = false;
        _indention = false;
    }

    private void WriteSingleQuoted(string value, bool allowBreaks)
    {
        WriteIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false);
        var runes = ToRunes(value);
        bool spaces = false, breaks = false;
        for (var i = 0; i < runes.Length; i++)
        {
            var c = runes[i].Value;
            if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i > 0 && i < runes.Length - 1 && runes[i + 1].Value != ' ')
                {
                    WriteIndent();
                }
                else
                {
                    Put(runes[i]);
                }

                spaces = true;
            }
            else if (YamlScalarAnalysis.IsBreak(c))
            {
                if (!breaks && c == '\n')
                {
                    PutBreak();
                }

                WriteBreak(runes[i]);
                _indention = true;
                breaks = true;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                }

                if (c == '\'')
                {
                    Put('\'');
                }

                Put(runes[i]);
                _indention = false;
                spaces = false;
                breaks = false;
            }
        }

        WriteIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteDoubleQuoted(string value, bool allowBreaks)
    {
        WriteIndicator("\"", needWhitespace: true, isWhitespace: false, isIndention: false);
        var runes = ToRunes(value);
        var spaces = false;
        for (var i = 0; i < runes.Length; i++)
        {
            var c = runes[i].Value;
            if (!YamlScalarAnalysis.IsPrintable(c) || c == 0xFEFF || YamlScalarAnalysis.IsBreak(c) || c == '"' || c == '\\')
            {
                WriteEscape(c);
                spaces = false;
            }
            else if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i > 0 && i < runes.Length - 1)
                {
                    WriteIndent();
                    if (runes[i + 1].Value == ' ')
                    {
                        Put('\\');
                    }
                }
                else
                {
                    Put(' ');
                }

                spaces = true;
            }
            else
            {
                Put(runes[i]);
                spaces = false;
            }
        }

        WriteIndicator("\"", needWhitespace: false, isWhitespace: false, isIndention: false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteEscape(int c)
    {
        foreach (var ch in Gyre.Manifests.Yaml.YamlEscape.Sequence(c))
        {
            Put(ch);
        }
    }

    private void WriteLiteral(string value)
    {
        WriteIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false);
        var runes = ToRunes(value);
        if (runes.Length > 0 && (runes[0].Value == ' ' || YamlScalarAnalysis.IsBreak(runes[0].Value)))
        {
            WriteIndicator(BestIndent.ToString(CultureInfo.InvariantCulture), needWhitespace: false, isWhitespace: false, isIndention: false);
        }

        var chomp = ChompHint(runes);
        if (chomp is not null)
        {
            WriteIndicator(chomp, needWhitespace: false, isWhitespace: false, isIndention: false);
        }

        PutBreak();
        _indention = true;
        _whitespace = true;
        var breaks = true;
        foreach (var r in runes)
        {
            if (YamlScalarAnalysis.IsBreak(r.Value))
            {
                WriteBreak(r);
                _indention = true;
                breaks = true;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                }

                Put(r);
                _indention = false;
                breaks = false;
            }
        }
    }

    private static string? ChompHint(Rune[] runes)
    {
        if (runes.Length == 0 || !YamlScalarAnalysis.IsBreak(runes[^1].Value))
        {
            return "-";
        }

        return runes.Length == 1 || YamlScalarAnalysis.IsBreak(runes[^2].Value) ? "+" : null;
    }

    // libyaml's write_break: a '\n' becomes a line break; other break characters are copied as they are.
    private void WriteBreak(Rune r)
    {
        if (r.Value == '\n')
        {
            PutBreak();
        }
        else
        {
            _out.Append(r.ToString());
            _column = 0;
        }
    }

    private static Rune[] ToRunes(string value)
    {
        var list = new List<Rune>(value.Length);
        foreach (var r in value.EnumerateRunes())
        {
            list.Add(r);
        }

        return [.. list];
    }
}
