using System.Globalization;
using System.Text.RegularExpressions;

namespace Gyre.Sops.Yaml;

/// <summary>
/// gopkg.in/yaml.v3's resolve(): what a plain scalar means (null, bool, int, float, timestamp or string). sops decodes
/// plain scalars this way on load, and go-yaml quotes strings on output exactly when they would resolve to something else.
/// </summary>
internal static partial class GoYamlResolver
{
    public enum Tag
    {
        Str,
        Null,
        Bool,
        Int,
        Float,
        Timestamp,
        Merge,
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlStyleFloat();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Base60Float();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2}))|( [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\.[0-9]+)?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Timestamp();

    /// <summary>Resolves a plain scalar to its tag and value (long, ulong, double, bool, null or the string itself).</summary>
    public static (Tag Tag, object? Value) Resolve(string text)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE": return (Tag.Bool, true);
            case "false" or "False" or "FALSE": return (Tag.Bool, false);
            case "" or "~" or "null" or "Null" or "NULL": return (Tag.Null, null);
            case ".nan" or ".NaN" or ".NAN": return (Tag.Float, double.NaN);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF": return (Tag.Float, double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF": return (Tag.Float, double.NegativeInfinity);
            case "<<": return (Tag.Merge, text);
        }

        var first = text[0];
        if (first == '.')
        {
            return TryGoFloat(text, out var f) ? (Tag.Float, f) : (Tag.Str, text);
        }

        if (first is not ('+' or '-') && !char.IsAsciiDigit(first))
        {
            return (Tag.Str, text);
        }

        if (Timestamp().IsMatch(text))
        {
            return (Tag.Timestamp, text);
        }

        var plain = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (TryGoInt(plain, out var integer))
        {
            return (Tag.Int, integer);
        }

        if (YamlStyleFloat().IsMatch(plain) && TryGoFloat(plain, out var number))
        {
            return (Tag.Float, number);
        }

        return (Tag.Str, text);
    }

    /// <summary>Strings YAML 1.1 would read as booleans; go-yaml quotes them so old parsers keep them strings.</summary>
    public static bool IsOldBool(string s) => s is "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON"
        or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF";

    public static bool IsBase60Float(string s) =>
        s.Length > 0 && (s[0] is '+' or '-' || char.IsAsciiDigit(s[0])) && s.Contains(':', StringComparison.Ordinal) && Base60Float().IsMatch(s);

    private static bool TryGoFloat(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    // strconv.ParseInt(s, 0, 64) then ParseUint: optional sign, 0x/0o/0b prefixes, a leading 0 meaning octal.
    private static bool TryGoInt(string text, out object value)
    {
        value = 0L;
        var negative = false;
        var s = text;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.Length == 0)
        {
            return false;
        }

        int radix = 10;
        if (s.Length > 1 && s[0] == '0')
        {
            (radix, s) = char.ToLowerInvariant(s[1]) switch
            {
                'x' => (16, s[2..]),
                'o' => (8, s[2..]),
                'b' => (2, s[2..]),
                _ => (8, s[1..]),
            };
        }

        if (s.Length == 0)
        {
            return false;
        }

        System.Numerics.BigInteger magnitude = 0;
        foreach (var c in s)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * radix) + digit;
        }

        var signed = negative ? -magnitude : magnitude;
        if (signed >= long.MinValue && signed <= long.MaxValue)
        {
            value = (long)signed;
            return true;
        }

        if (!negative && signed <= ulong.MaxValue)
        {
            value = (ulong)signed;
            return true;
        }

        return false;
    }
}
