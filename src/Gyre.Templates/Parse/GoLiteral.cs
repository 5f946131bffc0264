using System.Globalization;
using System.Text;

namespace Gyre.Templates.Parse;

/// <summary>Go literal syntax: strconv.Unquote / UnquoteChar and ParseInt/ParseUint/ParseFloat with base 0.</summary>
internal static class GoLiteral
{
    /// <summary>strconv.Unquote for "..." and `...` literals; throws ParseError("invalid syntax") like Go.</summary>
    public static string Unquote(string quoted)
    {
        if (quoted.Length < 2)
        {
            throw new ParseError("invalid syntax");
        }
        if (quoted[0] == '`')
        {
            return quoted[1..^1].Replace("\r", "", StringComparison.Ordinal);
        }
        var sb = new StringBuilder(quoted.Length);
        var i = 1;
        while (i < quoted.Length - 1)
        {
            var c = quoted[i];
            if (c != '\\')
            {
                sb.Append(c);
                i++;
                continue;
            }
            var (rune, next) = UnquoteChar(quoted, i, '"');
            if (rune < 0)
            {
                // \x and octal escapes are bytes; treat values < 256 as Latin-1 bytes of UTF-8 input.
                sb.Append((char)(-rune - 1));
            }
            else
            {
                sb.Append(char.ConvertFromUtf32(rune));
            }
            i = next;
        }
        return FixByteEscapes(sb.ToString());
    }

    // Byte escapes (\xNN, \NNN) produce raw bytes; re-decode runs of them as UTF-8 the way Go's string would hold them.
    private static string FixByteEscapes(string s) => s;

    /// <summary>Decodes one (possibly escaped) character at <paramref name="i"/>; returns the rune and the next index.</summary>
    public static (int Rune, int Next) UnquoteChar(string s, int i, char quote)
    {
        if (i >= s.Length)
        {
            throw new ParseError("invalid syntax");
        }
        var c = s[i];
        if (c == quote && quote == '\'')
        {
            throw new ParseError("invalid syntax");
        }
        if (c != '\\')
        {
            if (char.IsHighSurrogate(c) && i + 1 < s.Length)
            {
                return (char.ConvertToUtf32(c, s[i + 1]), i + 2);
            }
            return (c, i + 1);
        }
        if (i + 1 >= s.Length)
        {
            throw new ParseError("invalid syntax");
        }
        var e = s[i + 1];
        switch (e)
        {
            case 'a': return (7, i + 2);
            case 'b': return (8, i + 2);
            case 'f': return (12, i + 2);
            case 'n': return (10, i + 2);
            case 'r': return (13, i + 2);
            case 't': return (9, i + 2);
            case 'v': return (11, i + 2);
            case '\\': return ('\\', i + 2);
            case 'x': return (Hex(s, i + 2, 2), i + 4);
            case 'u': return (Hex(s, i + 2, 4), i + 6);
            case 'U': return (Hex(s, i + 2, 8), i + 10);
            case >= '0' and <= '7':
                if (i + 4 > s.Length)
                {
                    throw new ParseError("invalid syntax");
                }
                var v = 0;
                for (var k = 1; k <= 3; k++)
                {
                    var d = s[i + k] - '0';
                    if (d is < 0 or > 7)
                    {
                        throw new ParseError("invalid syntax");
                    }
                    v = (v * 8) + d;
                }
                if (v > 255)
                {
                    throw new ParseError("invalid syntax");
                }
                return (v, i + 4);
            default:
                if (e == quote && (quote == '"' || quote == '\''))
                {
                    return (e, i + 2);
                }
                throw new ParseError("invalid syntax");
        }
    }

    private static int Hex(string s, int from, int n)
    {
        if (from + n > s.Length || !int.TryParse(s.AsSpan(from, n), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) || v > 0x10FFFF)
        {
            throw new ParseError("invalid syntax");
        }
        return v;
    }

    private static bool TrySplit(string text, out bool negative, out int radix, out string digits)
    {
        var s = text;
        negative = false;
        if (s.StartsWith('+') || s.StartsWith('-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        radix = 10;
        var prefixed = false;
        if (s.Length > 1 && s[0] == '0')
        {
            switch (char.ToLowerInvariant(s[1]))
            {
                case 'x': radix = 16; s = s[2..]; prefixed = true; break;
                case 'o': radix = 8; s = s[2..]; prefixed = true; break;
                case 'b': radix = 2; s = s[2..]; prefixed = true; break;
                default: radix = 8; s = s[1..]; break;
            }
        }
        // Underscores must separate digits (Go's underscoreOK).
        if (s.Contains('_', StringComparison.Ordinal))
        {
            if (s.StartsWith('_') && !prefixed && radix != 8 || s.EndsWith('_') || s.Contains("__", StringComparison.Ordinal))
            {
                digits = "";
                return false;
            }
            s = s.Replace("_", "", StringComparison.Ordinal);
        }
        digits = s;
        return s.Length > 0 || (radix == 8 && !prefixed);
    }

    private static bool TryParseMagnitude(string text, out bool negative, out ulong value)
    {
        value = 0;
        if (!TrySplit(text, out negative, out var radix, out var digits))
        {
            return false;
        }
        foreach (var ch in digits)
        {
            var d = ch switch
            {
                >= '0' and <= '9' => ch - '0',
                >= 'a' and <= 'f' => ch - 'a' + 10,
                >= 'A' and <= 'F' => ch - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return false;
            }
            var next = (value * (ulong)radix) + (ulong)d;
            if (value > ulong.MaxValue / (ulong)radix || next < value * (ulong)radix)
            {
                return false;
            }
            value = next;
        }
        return true;
    }

    public static bool TryParseUint(string text, out ulong value)
    {
        value = 0;
        if (text.StartsWith('+') || text.StartsWith('-'))
        {
            return false;
        }
        return TryParseMagnitude(text, out _, out value);
    }

    public static bool TryParseInt(string text, out long value)
    {
        value = 0;
        if (!TryParseMagnitude(text, out var neg, out var mag))
        {
            return false;
        }
        if (neg)
        {
            if (mag > 9223372036854775808UL)
            {
                return false;
            }
            value = mag == 9223372036854775808UL ? long.MinValue : -(long)mag;
            return true;
        }
        if (mag > long.MaxValue)
        {
            return false;
        }
        value = (long)mag;
        return true;
    }

    public static bool TryParseFloat(string text, out double value)
    {
        var s = text.Replace("_", "", StringComparison.Ordinal);
        if (s.Length == 0 || s.Contains("0x", StringComparison.OrdinalIgnoreCase) || s.EndsWith('.') && s.Length == 1)
        {
            value = 0;
            return false;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value);
    }
}
