using System.Globalization;
using System.Text;
using Gyre.Cel.Values;

namespace Gyre.Cel.Runtime;

/// <summary>
/// The type conversion functions <c>int() uint() double() string() bytes() bool() timestamp() duration()</c> with
/// cel-spec's range checks: a value that does not fit is an error, never a silent wrap or saturation.
/// </summary>
internal static class Conversions
{
    public static object ToInt(object value) => value switch
    {
        long l => l,
        ulong u => u <= long.MaxValue ? (long)u : throw Range("int", value),
        double d => !double.IsNaN(d) && d > -9.2233720368547758e18 && d < 9.2233720368547758e18 ? (long)d : throw Range("int", value),
        string s => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : throw Parse("int", s),
        DateTimeOffset t => t.ToUnixTimeSeconds(),
        _ => throw CelErrorException.NoOverload("int", value),
    };

    public static object ToUint(object value) => value switch
    {
        ulong u => u,
        long l => l >= 0 ? (ulong)l : throw Range("uint", value),
        double d => !double.IsNaN(d) && d > -1 && d < 1.8446744073709552e19 ? (ulong)d : throw Range("uint", value),
        string s => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : throw Parse("uint", s),
        _ => throw CelErrorException.NoOverload("uint", value),
    };

    public static object ToDouble(object value) => value switch
    {
        double d => d,
        long l => (double)l,
        ulong u => (double)u,
        string s => ParseDouble(s),
        _ => throw CelErrorException.NoOverload("double", value),
    };

    public static object ToCelString(object value) => value switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double d => DoubleText.Format(d),
        bool b => b ? "true" : "false",
        CelBytes b => DecodeUtf8(b.Data),
        DateTimeOffset t => TimeValues.FormatTimestamp(t),
        TimeSpan d => TimeValues.FormatDuration(d),
        CelType t => t.Name,
        _ => throw CelErrorException.NoOverload("string", value),
    };

    public static object ToBytes(object value) => value switch
    {
        CelBytes b => b,
        string s => new CelBytes(Encoding.UTF8.GetBytes(s)),
        _ => throw CelErrorException.NoOverload("bytes", value),
    };

    // As cel-go's strconv.ParseBool: 1, t, T, TRUE, true, True and their false counterparts.
    public static object ToBool(object value) => value switch
    {
        bool b => b,
        string s => s switch
        {
            "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
            "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
            _ => throw Parse("bool", s),
        },
        _ => throw CelErrorException.NoOverload("bool", value),
    };

    public static object ToTimestamp(object value) => value switch
    {
        DateTimeOffset t => t,
        string s => TimeValues.ParseTimestamp(s),
        long l => l is >= -62135596800 and <= 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(l)
            : throw Range("timestamp", value),
        _ => throw CelErrorException.NoOverload("timestamp", value),
    };

    public static object ToDuration(object value) => value switch
    {
        TimeSpan d => d,
        string s => TimeValues.ParseDuration(s),
        long l => TimeValues.CheckDuration(() => TimeSpan.FromSeconds(l)),
        _ => throw CelErrorException.NoOverload("duration", value),
    };

    private static double ParseDouble(string s)
    {
        var text = s switch
        {
            "NaN" => "NaN",
            "Inf" or "+Inf" or "inf" or "+inf" or "Infinity" or "+Infinity" => "Infinity",
            "-Inf" or "-inf" or "-Infinity" => "-Infinity",
            _ => s,
        };
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : throw Parse("double", s);
    }

    private static string DecodeUtf8(byte[] data)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(data);
        }
        catch (DecoderFallbackException)
        {
            throw new CelErrorException("invalid UTF-8 in bytes, cannot convert to string");
        }
    }

    private static CelErrorException Range(string type, object value) =>
        new($"range error converting {Convert.ToString(value, CultureInfo.InvariantCulture)} to {type}");

    private static CelErrorException Parse(string type, string text) => new($"cannot parse '{text}' as {type}");
}
