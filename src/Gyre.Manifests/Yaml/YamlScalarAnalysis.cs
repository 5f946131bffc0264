namespace Gyre.Manifests.Yaml;

/// <summary>
/// libyaml's yaml_emitter_analyze_scalar as go-yaml v2 runs it (unicode output on), for block context (Gyre never
/// prints flow collections with content): which scalar styles can carry a value without changing its meaning.
/// </summary>
internal readonly record struct YamlScalarAnalysis(
    bool Multiline,
    bool BlockPlainAllowed,
    bool SingleQuotedAllowed,
    bool BlockAllowed)
{
    public static YamlScalarAnalysis Of(string value)
    {
        if (value.Length == 0)
        {
            return new YamlScalarAnalysis(false, true, true, false);
        }

        bool blockIndicators = false, lineBreaks = false, specialCharacters = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        if (value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal))
        {
            blockIndicators = true;
        }

        var precededByWhitespace = true;
        for (var i = 0; i < value.Length;)
        {
            var c = YamlEmitter.RuneAt(value, i, out var width).Value;
            var next = i + width;
            var last = next >= value.Length;

            // Blanks and breaks are single UTF-16 units, so the next unit tells whether whitespace follows.
            var followedByWhitespace = last || IsBlankOrBreak(value[next]);
            blockIndicators |= i == 0
                ? c is '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`'
                    || (c is '?' or ':' or '-' && followedByWhitespace)
                : (c == ':' && followedByWhitespace) || (c == '#' && precededByWhitespace);
            specialCharacters |= !IsPrintable(c);
            if (c == ' ')
            {
                leadingSpace |= i == 0;
                trailingSpace |= last;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(c))
            {
                lineBreaks = true;
                leadingBreak |= i == 0;
                trailingBreak |= last;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }

            precededByWhitespace = IsBlankOrBreak(c);
            i = next;
        }

        var blockPlain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace || spaceBreak
            || specialCharacters || lineBreaks || blockIndicators);
        var singleQuoted = !(breakSpace || spaceBreak || specialCharacters);
        var block = !(trailingSpace || spaceBreak || specialCharacters);
        return new YamlScalarAnalysis(lineBreaks, blockPlain, singleQuoted, block);
    }

    /// <summary>libyaml's is_printable: BMP only, no controls but LF, no BOM. (NEL stays escaped so Gyre's YAML reads back intact; kubectl folds it into a space.)</summary>
    public static bool IsPrintable(int c) =>
        c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);

    public static bool IsBreak(int c) => c is '\r' or '\n' or 0x85 or 0x2028 or 0x2029;

    private static bool IsBlankOrBreak(int c) => c is ' ' or '\t' || IsBreak(c);
}
