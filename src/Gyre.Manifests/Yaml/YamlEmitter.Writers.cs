using System.Globalization;
using System.Text;

namespace Gyre.Manifests.Yaml;

/// <summary>
/// The character-level writers, ported from libyaml's emitter as go-yaml v2 vendors it (emitterc.go). Columns count
/// code points, as libyaml counts characters; an unpaired surrogate is written as U+FFFD, as Go decodes it.
/// </summary>
public sealed partial class YamlEmitter
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
        AppendRune(r);
        _column++;
    }

    private void AppendRune(Rune r)
    {
        if (r.IsBmp)
        {
            _out.Append((char)r.Value);
        }
        else
        {
            Span<char> pair = stackalloc char[2];
            r.EncodeToUtf16(pair);
            _out.Append(pair);
        }
    }

    private void PutBreak()
    {
        _out.Append('\n');
        _column = 0;
    }

    // libyaml's write_break (a '\n' becomes a line break; other break characters are copied as they are), after which
    // go-yaml v2's scalar writers always set indention.
    private void WriteBreak(Rune r)
    {
        if (r.Value == '\n')
        {
            PutBreak();
        }
        else
        {
            AppendRune(r);
            _column = 0;
        }

        _indention = true;
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

        var spaces = false;
        for (var i = 0; i < value.Length;)
        {
            var r = RuneAt(value, i, out var width);
            if (r.Value == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && !(i + 1 < value.Length && value[i + 1] == ' '))
                {
                    WriteIndent();
                }
                else
                {
                    Put(r);
                }

                spaces = true;
            }
            else
            {
                Put(r);
                _indention = false;
                spaces = false;
            }

            i += width;
        }

        _whitespace = false;
        _indention = false;
    }

    private void WriteSingleQuoted(string value, bool allowBreaks)
    {
        WriteIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false);
        bool spaces = false, breaks = false;
        for (var i = 0; i < value.Length;)
        {
            var r = RuneAt(value, i, out var width);
            if (r.Value == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i > 0 && i < value.Length - 1 && value[i + 1] != ' ')
                {
                    WriteIndent();
                }
                else
                {
                    Put(r);
                }

                spaces = true;
            }
            else if (YamlScalarAnalysis.IsBreak(r.Value))
            {
                if (!breaks && r.Value == '\n')
                {
                    PutBreak();
                }

                WriteBreak(r);
                breaks = true;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                }

                if (r.Value == '\'')
                {
                    Put('\'');
                }

                Put(r);
                _indention = false;
                spaces = false;
                breaks = false;
            }

            i += width;
        }

        WriteIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteDoubleQuoted(string value, bool allowBreaks)
    {
        WriteIndicator("\"", needWhitespace: true, isWhitespace: false, isIndention: false);
        var spaces = false;

        // libyaml's is_bom looks at the start of the value whatever the position: after a leading BOM every character is escaped.
        var escapeAll = value.StartsWith('\uFEFF');
        for (var i = 0; i < value.Length;)
        {
            var r = RuneAt(value, i, out var width);
            var c = r.Value;
            if (escapeAll || !YamlScalarAnalysis.IsPrintable(c) || c == 0xFEFF || YamlScalarAnalysis.IsBreak(c) || c == '"' || c == '\\')
            {
                foreach (var e in YamlEscape.Sequence(c))
                {
                    Put(e);
                }

                spaces = false;
            }
            else if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i > 0 && i < value.Length - 1)
                {
                    WriteIndent();
                    if (value[i + 1] == ' ')
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
                Put(r);
                spaces = false;
            }

            i += width;
        }

        WriteIndicator("\"", needWhitespace: false, isWhitespace: false, isIndention: false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteLiteral(string value)
    {
        WriteIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false);
        if (value.Length > 0 && (value[0] == ' ' || YamlScalarAnalysis.IsBreak(value[0])))
        {
            WriteIndicator(BestIndent.ToString(CultureInfo.InvariantCulture), needWhitespace: false, isWhitespace: false, isIndention: false);
        }

        var chomp = ChompHint(value);
        if (chomp is not null)
        {
            WriteIndicator(chomp, needWhitespace: false, isWhitespace: false, isIndention: false);
        }

        PutBreak();
        _indention = true;
        _whitespace = true;
        var breaks = true;
        for (var i = 0; i < value.Length;)
        {
            var r = RuneAt(value, i, out var width);
            if (YamlScalarAnalysis.IsBreak(r.Value))
            {
                WriteBreak(r);
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

            i += width;
        }
    }

    // Break characters are all in the BMP, so the last one or two UTF-16 units are the last one or two characters.
    private static string? ChompHint(string value)
    {
        if (value.Length == 0 || !YamlScalarAnalysis.IsBreak(value[^1]))
        {
            return "-";
        }

        return value.Length == 1 || YamlScalarAnalysis.IsBreak(value[^2]) ? "+" : null;
    }

    /// <summary>The code point at <paramref name="i"/> (U+FFFD for an unpaired surrogate) and how many UTF-16 units it takes.</summary>
    internal static Rune RuneAt(string value, int i, out int width)
    {
        var c = value[i];
        if (!char.IsSurrogate(c))
        {
            width = 1;
            return new Rune(c);
        }

        Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out width);
        return rune;
    }
}
