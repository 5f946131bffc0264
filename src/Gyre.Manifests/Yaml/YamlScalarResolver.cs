using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gyre.Manifests.Json;

namespace Gyre.Manifests.Yaml;

/// <summary>
/// Gives a YAML scalar the type kubectl gives it. kubectl reads YAML through sigs.k8s.io/yaml, which is go-yaml v2
/// (YAML 1.1 rules: yes/no/on/off are booleans, 0777 is octal, 1_000 is 1000) followed by a JSON round trip; this class
/// reproduces go-yaml v2's resolve() and decoder.scalar() for that path.
/// </summary>
internal static partial class YamlScalarResolver
{
    public const string StrTag = "tag:yaml.org,2002:str";
    public const string IntTag = "tag:yaml.org,2002:int";
    public const string FloatTag = "tag:yaml.org,2002:float";
    public const string BoolTag = "tag:yaml.org,2002:bool";
    public const string NullTag = "tag:yaml.org,2002:null";
    public const string TimestampTag = "tag:yaml.org,2002:timestamp";
    public const string BinaryTag = "tag:yaml.org,2002:binary";
    public const string MergeTag = "tag:yaml.org,2002:merge";

    private static readonly Dictionary<string, (string Tag, object? Value)> Constants = BuildConstants();

    /// <summary>The typed value of a scalar, as a JSON node (null for YAML null).</summary>
    /// <param name="tag">The explicit tag, or empty.</param>
    /// <param name="value">The scalar text.</param>
    /// <param name="plain">Whether the scalar was written plain (unquoted, not a block scalar).</param>
    public static JsonNode? Resolve(string tag, string value, bool plain)
    {
        object? resolved;
        string rtag;
        if (tag.Length == 0 && !plain)
        {
            return JsonValue.Create(value);
        }

        (rtag, resolved) = ResolveTyped(tag, value);
        if (rtag == BinaryTag)
        {
            try
            {
                resolved = Encoding.UTF8.GetString(Convert.FromBase64String(value.Replace("\n", string.Empty, StringComparison.Ordinal)));
            }
            catch (FormatException)
            {
                throw new ManifestException("!!binary value contains invalid base64 data");
            }
        }

        return ToNode(resolved);
    }

    /// <summary>go-yaml v2 resolve(tag, in): the resolved tag and a value (string, long, ulong, double, bool or null).</summary>
    public static (string Tag, object? Value) ResolveTyped(string tag, string value)
    {
        if (!IsResolvable(tag))
        {
            return (tag, value);
        }

        var (rtag, resolved) = ResolvePlain(tag, value);
        if (tag.Length == 0 || tag == rtag || tag == StrTag || tag == BinaryTag)
        {
            return (rtag, resolved);
        }

        if (tag == FloatTag && rtag == IntTag)
        {
            return (FloatTag, resolved is ulong u ? (double)u : (double)(long)resolved!);
        }

        throw new ManifestException($"cannot decode {ShortTag(rtag)} `{value}` as a {ShortTag(tag)}");
    }

    /// <summary>Whether a plain scalar with this text would be read as something other than a string.</summary>
    public static bool ResolvesToNonString(string value) => ResolvePlain(string.Empty, value).Tag != StrTag;

    private static (string Tag, object? Value) ResolvePlain(string tag, string value)
    {
        var hint = value.Length == 0 ? 'N' : Hint(value[0]);
        if (hint == 0 || tag == StrTag || tag == BinaryTag)
        {
            return (StrTag, value);
        }

        if (Constants.TryGetValue(value, out var constant))
        {
            return constant;
        }

        if (hint == '.')
        {
            if (TryParseGoFloat(value, out var f))
            {
                return (FloatTag, f);
            }
        }
        else if (hint is 'D' or 'S')
        {
            if ((tag.Length == 0 || tag == TimestampTag) && IsTimestamp(value))
            {
                return (TimestampTag, value);
            }

            var plain = value.Replace("_", string.Empty, StringComparison.Ordinal);
            if (GoInt.TryParseInt64(plain, out var l))
            {
                return (IntTag, l);
            }

            if (GoInt.TryParseUInt64(plain, out var u))
            {
                return (IntTag, u);
            }

            if (YamlStyleFloat().IsMatch(plain) && TryParseGoFloat(plain, out var f))
            {
                return (FloatTag, f);
            }

            if (plain.StartsWith("0b", StringComparison.Ordinal) || plain.StartsWith("-0b", StringComparison.Ordinal))
            {
                var negative = plain[0] == '-';
                var digits = plain[(negative ? 3 : 2)..];
                if (GoInt.TryParseBinary(digits, negative, out var b))
                {
                    return (IntTag, b);
                }

                if (!negative && GoInt.TryParseUInt64Base(digits, 2, out var ub))
                {
                    return (IntTag, ub);
                }
            }
        }

        return (StrTag, value);
    }

    private static bool IsResolvable(string tag) =>
        tag.Length == 0 || tag == StrTag || tag == BoolTag || tag == IntTag || tag == FloatTag || tag == TimestampTag;

    private static char Hint(char c) => c switch
    {
        '+' or '-' => 'S',
        >= '0' and <= '9' => 'D',
        'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '~' => 'M',
        '.' => '.',
        _ => '\0',
    };

    private static JsonValue? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => KubeNumbers.FromInt64(l),
        ulong u => KubeNumbers.FromJsonText(u.ToString(CultureInfo.InvariantCulture)),
        double d => KubeNumbers.FromDouble(d),
        _ => JsonValue.Create(value.ToString()),
    };

    private static string ShortTag(string tag) =>
        tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + tag["tag:yaml.org,2002:".Length..] : tag;

    /// <summary>strconv.ParseFloat: accepts what Go accepts for these inputs, fails on overflow ("1e400").</summary>
    private static bool TryParseGoFloat(string text, out double value)
    {
        value = 0;
        if (text.Length == 0 || text.Contains(' ', StringComparison.Ordinal) || text.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        return !double.IsInfinity(value);
    }

    /// <summary>go-yaml v2's parseTimestamp: the layouts it tries, with Go's range checks on the fields.</summary>
    private static bool IsTimestamp(string value)
    {
        var match = TimestampPattern().Match(value);
        if (!match.Success)
        {
            return false;
        }

        int Field(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var (year, month, day) = (Field("y"), Field("mo"), Field("d"));
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month))
        {
            return false;
        }

        return Field("h") < 24 && Field("mi") < 60 && Field("s") < 60;
    }

    private static Dictionary<string, (string Tag, object? Value)> BuildConstants()
    {
        var map = new Dictionary<string, (string, object?)>(StringComparer.Ordinal);
        foreach (var s in new[] { "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" })
        {
            map[s] = (BoolTag, true);
        }

        foreach (var s in new[] { "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" })
        {
            map[s] = (BoolTag, false);
        }

        foreach (var s in new[] { string.Empty, "~", "null", "Null", "NULL" })
        {
            map[s] = (NullTag, null);
        }

        foreach (var s in new[] { ".nan", ".NaN", ".NAN" })
        {
            map[s] = (FloatTag, double.NaN);
        }

        foreach (var s in new[] { ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" })
        {
            map[s] = (FloatTag, double.PositiveInfinity);
        }

        foreach (var s in new[] { "-.inf", "-.Inf", "-.INF" })
        {
            map[s] = (FloatTag, double.NegativeInfinity);
        }

        map["<<"] = (MergeTag, "<<");
        return map;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlStyleFloat();

    // go-yaml v2's layouts: "2006-1-2T15:4:5.999999999Z07:00" (also with 't'), "2006-1-2 15:4:5.999999999", "2006-1-2".
    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<mo>[0-9]{1,2})-(?<d>[0-9]{1,2})(?:[Tt](?<h>[0-9]{1,2}):(?<mi>[0-9]{1,2}):(?<s>[0-9]{1,2})(?:\.[0-9]+)?(?:Z|[-+][0-9]{2}:[0-9]{2})| (?<h>[0-9]{1,2}):(?<mi>[0-9]{1,2}):(?<s>[0-9]{1,2})(?:\.[0-9]+)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();
}
