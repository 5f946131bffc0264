using System.Text;
using System.Globalization;

namespace Gyre.Kustomize.Yaml;

/// <summary>libyaml's scalar writers as yaml.v2 ports them (emitterc.go), including folding at the best width.</summary>
internal sealed partial class GoYamlV2Writer
{
    private void PutBreak()
    {
        _out.Append('\n');
        _column = 0;
    }

    private void Put(char c)
    {
        _out.Append(c);
        _column++;
    }

    /// <summary>Writes one character (a whole surrogate pair counts as one column).</summary>
    private void Write(string text, ref int i)
    {
        _out.Append(text[i]);
        if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length)
        {
            _out.Append(text[i + 1]);
            i++;
        }

        i++;
        _column++;
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

    private void WritePlain(string text, bool allowBreaks)
    {
        if (!_whitespace)
        {
            Put(' ');
        }

        var spaces = false;
        for (var i = 0; i < text.Length;)
        {
            if (text[i] == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && !(i + 1 < text.Length && text[i + 1] == ' '))
                {
                    WriteIndent();
                    i++;
                }
                else
                {
                    Write(text, ref i);
                }

                spaces = true;
            }
            else
            {
                Write(text, ref i);
                _indention = false;
                spaces = false;
            }
        }

        _whitespace = false;
        _indention = false;
    }

    private void WriteSingleQuoted(string text, bool allowBreaks)
    {
        WriteIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false);
        var spaces = false;
        for (var i = 0; i < text.Length;)
        {
            if (text[i] == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i > 0 && i < text.Length - 1 && text[i + 1] != ' ')
                {
                    WriteIndent();
                    i++;
                }
                else
                {
                    Write(text, ref i);
                }

                spaces = true;
            }
            else
            {
                if (text[i] == '\'')
                {
                    Put('\'');
                }

                Write(text, ref i);
                _indention = false;
                spaces = false;
            }
        }

        WriteIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteDoubleQuoted(string text, bool allowBreaks)
    {
        WriteIndicator("\"", needWhitespace: true, isWhitespace: false, isIndention: false);
        var spaces = false;
        for (var i = 0; i < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, i);
            if (!ScalarAnalysis.IsPrintable(rune) || rune.Value == 0xFEFF || ScalarAnalysis.IsBreak(rune) || rune.Value is '"' or '\\')
            {
                WriteEscape(rune.Value);
                i += rune.Utf16SequenceLength;
                spaces = false;
            }
            else if (text[i] == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i != 0 && i != text.Length - 1)
                {
                    WriteIndent();
                    if (i + 1 < text.Length && text[i + 1] == ' ')
                    {
                        Put('\\');
                    }

                    i++;
                }
                else
                {
                    Write(text, ref i);
                }

                spaces = true;
            }
            else
            {
                Write(text, ref i);
                spaces = false;
            }
        }

        WriteIndicator("\"", needWhitespace: false, isWhitespace: false, isIndention: false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteEscape(int value)
    {
        foreach (var ch in Gyre.Manifests.Yaml.YamlEscape.Sequence(value))
        {
            Put(ch);
        }
    }

    private void WriteLiteral(string text)
    {
        WriteIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false);
        if (text.Length > 0 && (text[0] == ' ' || ScalarAnalysis.IsBreak(Rune.GetRuneAt(text, 0))))
        {
            WriteIndicator(BestIndent.ToString(CultureInfo.InvariantCulture), false, false, false);
        }

        var chomp = ChompHint(text);
        if (chomp != '\0')
        {
            WriteIndicator(chomp.ToString(), false, false, false);
        }

        PutBreak();
        _indention = true;
        _whitespace = true;
        var breaks = true;
        for (var i = 0; i < text.Length;)
        {
            var rune = Rune.GetRuneAt(text, i);
            if (ScalarAnalysis.IsBreak(rune))
            {
                if (text[i] == '\n')
                {
                    PutBreak();
                    i++;
                }
                else
                {
                    Write(text, ref i);
                    _column = 0;
                }

                _indention = true;
                breaks = true;
            }
            else
            {
                if (breaks)
                {
                    WriteIndent();
                }

                Write(text, ref i);
                _indention = false;
                breaks = false;
            }
        }
    }

    private static char ChompHint(string text)
    {
        if (text.Length == 0)
        {
            return '-';
        }

        var last = text.Length - 1;
        if (!ScalarAnalysis.IsBreak(new Rune(text[last])))
        {
            return '-';
        }

        if (last == 0)
        {
            return '+';
        }

        return ScalarAnalysis.IsBreak(new Rune(text[last - 1])) ? '+' : '\0';
    }
}
