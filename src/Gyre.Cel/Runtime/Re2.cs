using System.Globalization;
using System.Text;
using Gyre.Cel.Values;

namespace Gyre.Cel.Runtime;

/// <summary>
/// Translates RE2 syntax (what CEL's <c>matches</c> uses) to an equivalent .NET pattern, and refuses what RE2 does not
/// have (backreferences, lookaround, atomic groups) or what .NET would read differently and we cannot map (Unicode
/// scripts, the ungreedy flag). Perl classes are ASCII in RE2 (<c>\d</c> is [0-9]), and <c>$</c> without (?m) is the
/// end of text, not "before a final newline" as in .NET.
/// </summary>
internal static class Re2
{
    private const string Digit = "0-9";
    private const string Word = "0-9A-Za-z_";
    private const string Space = "\\t\\n\\f\\r ";

    public static string Translate(string pattern)
    {
        var multiline = pattern.Contains("(?m", StringComparison.Ordinal) || HasFlag(pattern, 'm');
        var output = new StringBuilder(pattern.Length + 16);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    i = Escape(pattern, i, output, inClass: false);
                    break;
                case '[':
                    i = CharacterClass(pattern, i, output);
                    break;
                case '(':
                    i = Group(pattern, i, output);
                    break;
                case '$':
                    output.Append(multiline ? "$" : "\\z");
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }

        return output.ToString();
    }

    private static bool HasFlag(string pattern, char flag)
    {
        var at = pattern.IndexOf("(?", StringComparison.Ordinal);
        while (at >= 0)
        {
            for (var j = at + 2; j < pattern.Length && char.IsAsciiLetter(pattern[j]); j++)
            {
                if (pattern[j] == flag)
                {
                    return true;
                }
            }

            at = pattern.IndexOf("(?", at + 2, StringComparison.Ordinal);
        }

        return false;
    }

    private static int Group(string pattern, int i, StringBuilder output)
    {
        if (i + 1 >= pattern.Length || pattern[i + 1] != '?')
        {
            output.Append('(');
            return i;
        }

        var rest = pattern.AsSpan(i + 2);
        if (rest.StartsWith("P<"))
        {
            output.Append("(?<");
            return i + 3;
        }

        if (rest.StartsWith("=") || rest.StartsWith("!") || rest.StartsWith("<=") || rest.StartsWith("<!") || rest.StartsWith(">"))
        {
            throw Unsupported(pattern, "lookaround and atomic groups are not RE2 syntax");
        }

        if (rest.StartsWith("<"))
        {
            output.Append("(?<");
            return i + 2;
        }

        // Flag groups (?i) (?s) (?m) (?i:...); RE2's U (ungreedy) has no .NET equivalent.
        var j = i + 2;
        while (j < pattern.Length && (char.IsAsciiLetter(pattern[j]) || pattern[j] == '-'))
        {
            if (pattern[j] == 'U')
            {
                throw Unsupported(pattern, "the ungreedy flag (?U) is not supported");
            }

            if (pattern[j] is not ('i' or 'm' or 's' or '-'))
            {
                throw Unsupported(pattern, $"unknown flag '{pattern[j]}'");
            }

            j++;
        }

        output.Append(pattern, i, j - i);
        return j - 1;
    }

    private static int CharacterClass(string pattern, int i, StringBuilder output)
    {
        output.Append('[');
        var j = i + 1;
        if (j < pattern.Length && pattern[j] == '^')
        {
            output.Append('^');
            j++;
        }

        var first = true;
        for (; j < pattern.Length; j++, first = false)
        {
            var c = pattern[j];
            if (c == ']' && !first)
            {
                output.Append(']');
                return j;
            }

            if (c == '[' && j + 1 < pattern.Length && pattern[j + 1] == ':')
            {
                var end = pattern.IndexOf(":]", j + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Unsupported(pattern, "unterminated POSIX class");
                }

                output.Append(Posix(pattern, pattern[(j + 2)..end]));
                j = end + 1;
            }
            else if (c == '\\')
            {
                j = Escape(pattern, j, output, inClass: true);
            }
            else if (c is '[' or ']')
            {
                output.Append('\\').Append(c); // a literal bracket; escaped so .NET never sees class subtraction
            }
            else
            {
                output.Append(c);
            }
        }

        throw Unsupported(pattern, "missing closing ]");
    }

    private static int Escape(string pattern, int i, StringBuilder output, bool inClass)
    {
        if (i + 1 >= pattern.Length)
        {
            throw Unsupported(pattern, "trailing backslash");
        }

        var c = pattern[i + 1];
        switch (c)
        {
            case 'd': output.Append(inClass ? Digit : $"[{Digit}]"); return i + 1;
            case 'D': output.Append(inClass ? throw Unsupported(pattern, "\\D inside a class") : $"[^{Digit}]"); return i + 1;
            case 'w': output.Append(inClass ? Word : $"[{Word}]"); return i + 1;
            case 'W': output.Append(inClass ? throw Unsupported(pattern, "\\W inside a class") : $"[^{Word}]"); return i + 1;
            case 's': output.Append(inClass ? Space : $"[{Space}]"); return i + 1;
            case 'S': output.Append(inClass ? throw Unsupported(pattern, "\\S inside a class") : $"[^{Space}]"); return i + 1;
            case 'Q':
                var end = pattern.IndexOf("\\E", i + 2, StringComparison.Ordinal);
                var literal = end < 0 ? pattern[(i + 2)..] : pattern[(i + 2)..end];
                output.Append(System.Text.RegularExpressions.Regex.Escape(literal));
                return end < 0 ? pattern.Length - 1 : end + 1;
            case 'p' or 'P':
                return UnicodeClass(pattern, i, output);
            case 'x' when i + 2 < pattern.Length && pattern[i + 2] == '{':
                var close = pattern.IndexOf('}', i + 3);
                if (close < 0 || !int.TryParse(pattern.AsSpan(i + 3, close - i - 3), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var codePoint) || codePoint > 0x10FFFF)
                {
                    throw Unsupported(pattern, "invalid \\x{...} escape");
                }

                output.Append(System.Text.RegularExpressions.Regex.Escape(char.ConvertFromUtf32(codePoint)));
                return close;
            case >= '1' and <= '9':
                throw Unsupported(pattern, "backreferences are not RE2 syntax");
            case 'C' or 'Z' or 'G' or 'K' or 'R' or 'X':
                throw Unsupported(pattern, $"\\{c} is not supported");
            default:
                output.Append('\\').Append(c);
                return i + 1;
        }
    }

    private static int UnicodeClass(string pattern, int i, StringBuilder output)
    {
        string name;
        int last;
        if (i + 2 < pattern.Length && pattern[i + 2] == '{')
        {
            var close = pattern.IndexOf('}', i + 3);
            if (close < 0)
            {
                throw Unsupported(pattern, "unterminated \\p{...}");
            }

            name = pattern[(i + 3)..close];
            last = close;
        }
        else if (i + 2 < pattern.Length)
        {
            name = pattern[i + 2].ToString();
            last = i + 2;
        }
        else
        {
            throw Unsupported(pattern, "\\p needs a class name");
        }

        var negated = name.StartsWith('^');
        name = negated ? name[1..] : name;
        if (name is not ("L" or "Lu" or "Ll" or "Lt" or "Lm" or "Lo" or "M" or "Mn" or "Mc" or "Me" or "N" or "Nd" or "Nl" or "No"
            or "P" or "Pc" or "Pd" or "Ps" or "Pe" or "Pi" or "Pf" or "Po" or "S" or "Sm" or "Sc" or "Sk" or "So"
            or "Z" or "Zs" or "Zl" or "Zp" or "C" or "Cc" or "Cf" or "Co" or "Cs"))
        {
            throw Unsupported(pattern, $"Unicode class '{name}' is not supported (only general categories such as L, Lu, N)");
        }

        var upper = pattern[i + 1] == 'P' ^ negated;
        output.Append(upper ? "\\P{" : "\\p{").Append(name).Append('}');
        return last;
    }

    private static string Posix(string pattern, string name) => name switch
    {
        "alnum" => "0-9A-Za-z",
        "alpha" => "A-Za-z",
        "ascii" => "\\x00-\\x7F",
        "blank" => "\\t ",
        "cntrl" => "\\x00-\\x1F\\x7F",
        "digit" => "0-9",
        "graph" => "!-~",
        "lower" => "a-z",
        "print" => " -~",
        "punct" => "!-/:-@\\[-`{-~",
        "space" => "\\t\\n\\v\\f\\r ",
        "upper" => "A-Z",
        "word" => Word,
        "xdigit" => "0-9A-Fa-f",
        _ => throw Unsupported(pattern, $"unknown POSIX class [:{name}:]"),
    };

    private static CelErrorException Unsupported(string pattern, string why) =>
        new($"invalid regular expression '{pattern}': {why}");
}
