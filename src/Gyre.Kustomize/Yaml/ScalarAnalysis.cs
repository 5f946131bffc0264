using System.Text;

namespace Gyre.Kustomize.Yaml;

/// <summary>libyaml's yaml_emitter_analyze_scalar: which styles can represent a string (block context).</summary>
internal readonly record struct ScalarAnalysis(bool Multiline, bool BlockPlainAllowed, bool SingleQuotedAllowed, bool BlockAllowed)
{
    public static ScalarAnalysis Of(string value)
    {
        if (value.Length == 0)
        {
            return new ScalarAnalysis(false, true, true, false);
        }

        bool blockIndicators = false, specialCharacters = false, lineBreaks = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        if (value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal))
        {
            blockIndicators = true;
        }

        var precededByWhitespace = true;
        for (var i = 0; i < value.Length;)
        {
            var rune = Rune.GetRuneAt(value, i);
            var next = i + rune.Utf16SequenceLength;
            var followedByWhitespace = next >= value.Length || value[next] is ' ' or '\t';
            var c = value[i];
            if (i == 0)
            {
                blockIndicators |= c switch
                {
                    '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' => true,
                    '?' or ':' or '-' => followedByWhitespace,
                    _ => false,
                };
            }
            else
            {
                blockIndicators |= (c == ':' && followedByWhitespace) || (c == '#' && precededByWhitespace);
            }

            specialCharacters |= !IsPrintable(rune);
            if (c == ' ')
            {
                leadingSpace |= i == 0;
                trailingSpace |= next == value.Length;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(rune))
            {
                lineBreaks = true;
                leadingBreak |= i == 0;
                trailingBreak |= next == value.Length;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }

            precededByWhitespace = c is ' ' or '\t' || IsBreak(rune);
            i = next;
        }

        bool plain = true, single = true, block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
        {
            plain = false;
        }

        if (trailingSpace)
        {
            block = false;
        }

        if (breakSpace)
        {
            plain = false;
            single = false;
        }

        if (spaceBreak || specialCharacters)
        {
            plain = false;
            single = false;
            block = false;
        }

        if (lineBreaks || blockIndicators)
        {
            plain = false;
        }

        return new ScalarAnalysis(lineBreaks, plain, single, block);
    }

    public static bool IsBreak(Rune rune) => rune.Value is '\r' or '\n' or 0x85 or 0x2028 or 0x2029;

    /// <summary>libyaml's is_printable over the UTF-8 encoding, restated per code point.</summary>
    public static bool IsPrintable(Rune rune)
    {
        var v = rune.Value;
        return v == 0x0A || (v >= 0x20 && v <= 0x7E) || (v >= 0xA0 && v <= 0xD7FF)
            || (v >= 0xE000 && v <= 0xFFFD && v != 0xFEFF);
    }
}
