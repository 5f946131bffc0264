using System.Globalization;
using System.Text.RegularExpressions;

namespace Gyre.Kustomize.Yaml;

/// <summary>
/// Plain-scalar tag resolution as go-yaml does it: <see cref="V3"/> is yaml.v3 (how kyaml reads input), <see cref="V2"/>
/// is yaml.v2 (how kustomize's final JSON-to-YAML step decides whether a string must be quoted; it also treats
/// y/yes/on/n/no/off as booleans).
/// </summary>
internal sealed partial class GoScalarResolver
{
    private readonly bool _yaml11Booleans;

    private GoScalarResolver(bool yaml11Booleans) => _yaml11Booleans = yaml11Booleans;

    public static GoScalarResolver V3 { get; } = new(yaml11Booleans: false);

    public static GoScalarResolver V2 { get; } = new(yaml11Booleans: true);

    /// <summary>The tag a plain scalar with this text resolves to.</summary>
    public string Resolve(string text)
    {
        var hint = text.Length == 0 ? 'N' : Hint(text[0]);
        if (hint == '\0')
        {
            return YamlTags.Str;
        }

        var mapped = Lookup(text);
        if (mapped is not null)
        {
            return mapped;
        }

        switch (hint)
        {
            case '.':
                return FloatSyntax().IsMatch(text) && IsFiniteFloat(text) ? YamlTags.Float : YamlTags.Str;
            case 'D' or 'S':
                return ResolveNumber(text);
            default:
                return YamlTags.Str;
        }
    }

    private static char Hint(char c) => c switch
    {
        '+' or '-' => 'S',
        >= '0' and <= '9' => 'D',
        'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '~' => 'M',
        '.' => '.',
        _ => '\0',
    };

    private string? Lookup(string text)
    {
        switch (text)
        {
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
                return YamlTags.Bool;
            case "" or "~" or "null" or "Null" or "NULL":
                return YamlTags.Null;
            case ".nan" or ".NaN" or ".NAN" or ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF":
                return YamlTags.Float;
            case "<<":
                return YamlTags.Merge;
        }

        if (_yaml11Booleans && text is "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON"
            or "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF")
        {
            return YamlTags.Bool;
        }

        return null;
    }

    private string ResolveNumber(string text)
    {
        if (IsTimestamp(text))
        {
            return YamlTags.Timestamp;
        }

        var plain = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (TryParseGoInteger(plain, out _))
        {
            return YamlTags.Int;
        }

        if (FloatSyntax().IsMatch(plain) && IsFiniteFloat(plain))
        {
            return YamlTags.Float;
        }

        var unsigned = plain.StartsWith('-') ? plain[1..] : plain;
        if (unsigned.StartsWith("0b", StringComparison.Ordinal) && BinaryDigits().IsMatch(unsigned[2..]))
        {
            return YamlTags.Int;
        }

        if (!_yaml11Booleans && unsigned.StartsWith("0o", StringComparison.Ordinal) && OctalDigits().IsMatch(unsigned[2..]))
        {
            return YamlTags.Int;
        }

        return YamlTags.Str;
    }

    private static bool IsFiniteFloat(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);

    /// <summary>Go's strconv.ParseInt(s, 0, 64) or ParseUint(s, 0, 64) accepting the text.</summary>
    public static bool TryParseGoInteger(string text, out decimal value)
    {
        value = 0;
        var negative = false;
        var s = text;
        if (s.StartsWith('+') || s.StartsWith('-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.Length == 0)
        {
            return false;
        }

        int radix;
        if (s.Length > 1 && s[0] == '0' && (s[1] is 'x' or 'X'))
        {
            (radix, s) = (16, s[2..]);
        }
        else if (s.Length > 1 && s[0] == '0' && (s[1] is 'o' or 'O'))
        {
            (radix, s) = (8, s[2..]);
        }
        else if (s.Length > 1 && s[0] == '0' && (s[1] is 'b' or 'B'))
        {
            (radix, s) = (2, s[2..]);
        }
        else if (s.Length > 1 && s[0] == '0')
        {
            (radix, s) = (8, s[1..]);
        }
        else
        {
            radix = 10;
        }

        if (s.Length == 0)
        {
            return false;
        }

        decimal acc = 0;
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

            acc = (acc * radix) + digit;
            if (acc > 18446744073709551615m)
            {
                return false;
            }
        }

        value = negative ? -acc : acc;
        return negative ? acc <= 9223372036854775808m : acc <= 18446744073709551615m;
    }

    /// <summary>The go-yaml timestamp check: four digits, a dash, then one of Go's accepted layouts.</summary>
    private static bool IsTimestamp(string text)
    {
        var match = Timestamp().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), month);
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatSyntax();

    [GeneratedRegex("^[01]+$")]
    private static partial Regex BinaryDigits();

    [GeneratedRegex("^[0-7]+$")]
    private static partial Regex OctalDigits();

    [GeneratedRegex(@"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]| )[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\.[0-9]{1,9})?(?:Z|[-+][0-9]{2}:[0-9]{2})?)?$")]
    private static partial Regex Timestamp();
}
