namespace Gyre.Sops.Yaml;

/// <summary>libyaml's yaml_emitter_analyze_scalar, as go-yaml v3 runs it (unicode on): which styles can carry a value.</summary>
internal readonly record struct ScalarAnalysis(bool Multiline, bool BlockPlainAllowed, bool SingleQuotedAllowed, bool BlockAllowed)
{
    public static ScalarAnalysis Of(string value)
    {
        if (value.Length == 0)
        {
            return new ScalarAnalysis(false, true, true, false);
        }

        bool blockIndicators = false, lineBreaks = false, special = false, tabs = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        if (value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal))
        {
            blockIndicators = true;
        }

        var precededByWhitespace = true;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var followedByWhitespace = i + 1 >= value.Length || IsBlank(value[i + 1]);
            if (i == 0)
            {
                switch (c)
                {
                    case '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                        blockIndicators = true;
                        break;
                    case '?' or ':' or '-' when followedByWhitespace:
                        blockIndicators = true;
                        break;
                }
            }
            else if ((c == ':' && followedByWhitespace) || (c == '#' && precededByWhitespace))
            {
                blockIndicators = true;
            }

            if (c == '\t')
            {
                tabs = true;
            }
            else if (!IsPrintable(c) && !char.IsSurrogate(c))
            {
                special = true;
            }

            if (c == ' ')
            {
                leadingSpace |= i == 0;
                trailingSpace |= i == value.Length - 1;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            }
            else if (c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029')
            {
                lineBreaks = true;
                leadingBreak |= i == 0;
                trailingBreak |= i == value.Length - 1;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }

            precededByWhitespace = IsBlank(c) || c is '\n' or '\r';
        }

        bool blockPlain = true, single = true, block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
        {
            blockPlain = false;
        }

        if (trailingSpace)
        {
            block = false;
        }

        if (breakSpace)
        {
            blockPlain = false;
            single = false;
        }

        if (spaceBreak || tabs || special)
        {
            blockPlain = false;
            single = false;
        }

        if (spaceBreak || special)
        {
            block = false;
        }

        if (lineBreaks || blockIndicators)
        {
            blockPlain = false;
        }

        return new ScalarAnalysis(lineBreaks, blockPlain, single, block);
    }

    private static bool IsBlank(char c) => c is ' ' or '\t';

    /// <summary>libyaml's is_printable for one UTF-16 unit (surrogates are handled by the callers).</summary>
    public static bool IsPrintable(char c) =>
        c == '\n' || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
}
