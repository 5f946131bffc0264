using System.Globalization;
using System.Text;
using Gyre.Templates.Execution;
using Gyre.Templates.Formatting;
using Gyre.Templates.Functions;

namespace Gyre.Templates.Sprig;

/// <summary>spf13/cast 1.5.0 conversions and Sprig's strval/strslice/empty, as Sprig 3.2.3 uses them.</summary>
internal static class Cast
{
    public static long ToInt64(object? v) => v switch
    {
        long or int or GoInt64 => GoTypes.AsLong(v),
        ulong u => (long)u,
        double d => DoubleToInt64(d),
        bool b => b ? 1 : 0,
        string s => ParseIntBase0(TrimZeroDecimal(s)),
        _ => 0,
    };

    // Go's int64(f) on amd64: out-of-range and NaN give math.MinInt64.
    public static long DoubleToInt64(double d) =>
        double.IsNaN(d) || d >= 9.2233720368547758e18 || d < -9.2233720368547758e18 ? long.MinValue : (long)d;

    public static double ToFloat64(object? v) => v switch
    {
        long or int or GoInt64 => GoTypes.AsLong(v),
        ulong u => u,
        double d => d,
        bool b => b ? 1 : 0,
        string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && !s.Contains('_', StringComparison.Ordinal) &&
            !s.StartsWith('.') ? f : ParseFloatLoose(s),
        _ => 0,
    };

    private static double ParseFloatLoose(string s)
    {
        var t = s.Trim();
        if (t is "Inf" or "+Inf" or "inf" or "+inf" or "Infinity")
        {
            return double.PositiveInfinity;
        }
        if (t is "-Inf" or "-inf")
        {
            return double.NegativeInfinity;
        }
        if (t.StartsWith('.') && double.TryParse("0" + t, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
        {
            return f;
        }
        return 0;
    }

    private static string TrimZeroDecimal(string s)
    {
        var foundZero = false;
        for (var i = s.Length; i > 0; i--)
        {
            switch (s[i - 1])
            {
                case '.':
                    return foundZero ? s[..(i - 1)] : s;
                case '0':
                    foundZero = true;
                    break;
                default:
                    return s;
            }
        }
        return s;
    }

    private static long ParseIntBase0(string s) => Parse.GoLiteral.TryParseInt(s, out var v) && !s.Contains('.', StringComparison.Ordinal) ? v : 0;

    /// <summary>Sprig's strval: strings as is, Stringers via String, everything else fmt %v.</summary>
    public static string StrVal(object? v) => v switch
    {
        string s => s,
        IGoValue g => g.Format(),
        _ => GoPrinter.Sprintf("%v", [v]),
    };

    /// <summary>Sprig's strslice.</summary>
    public static string[] StrSlice(object? v)
    {
        switch (v)
        {
            case string[] sa:
                return sa;
            case List<object?> l:
                return l.Where(x => x != null).Select(StrVal).ToArray();
            case long[] la:
                return la.Select(x => StrVal(x)).ToArray();
            case null:
                return [];
            default:
                return [StrVal(v)];
        }
    }

    /// <summary>Sprig's empty.</summary>
    public static bool Empty(object? v) => v switch
    {
        null or NoValue => true,
        string s => s.Length == 0,
        bool b => !b,
        long or int or GoInt64 => GoTypes.AsLong(v) == 0,
        ulong u => u == 0,
        double d => d == 0,
        IGoValue => false,
        _ => GoTypes.Length(v) == 0,
    };

    /// <summary>reflect.Kind.String() of a value (Sprig's kindOf and its error messages).</summary>
    public static string KindName(object? v) => v switch
    {
        null or NoValue => "invalid",
        bool => "bool",
        string => "string",
        long or int => "int",
        GoInt64 => "int64",
        ulong => "uint64",
        double => "float64",
        Dictionary<string, object?> or Dictionary<string, string> => "map",
        List<object?> or string[] or long[] => "slice",
        IGoValue g => g.Kind == GoKind.Pointer ? "ptr" : "struct",
        _ => "struct",
    };

    /// <summary>The elements of a slice as interface values, or null when the value is not a slice.</summary>
    public static List<object?>? AsList(object? v) => v switch
    {
        List<object?> l => l,
        string[] sa => sa.Cast<object?>().ToList(),
        long[] la => la.Select(x => (object?)x).ToList(),
        _ => null,
    };

    /// <summary>reflect.TypeOf(nil).Kind() panics in Go; Sprig's list functions surface that text.</summary>
    public static TemplateFunctionException NilDereference() => new("runtime error: invalid memory address or nil pointer dereference");

    /// <summary>reflect.DeepEqual for the data model.</summary>
    public static bool DeepEqual(object? a, object? b)
    {
        if (a is int ia)
        {
            a = (long)ia;
        }
        if (b is int ib)
        {
            b = (long)ib;
        }
        if (a == null || b == null)
        {
            return a == null && b == null;
        }
        if (GoTypes.TypeName(a) != GoTypes.TypeName(b))
        {
            return false;
        }
        switch (a)
        {
            case Dictionary<string, object?> ma:
                var mb = (Dictionary<string, object?>)b;
                return ma.Count == mb.Count && ma.All(kv => mb.TryGetValue(kv.Key, out var bv) && DeepEqual(kv.Value, bv));
            case List<object?> la:
                var lb = (List<object?>)b;
                return la.Count == lb.Count && la.Zip(lb).All(p => DeepEqual(p.First, p.Second));
            case string[] sa:
                return sa.SequenceEqual((string[])b, StringComparer.Ordinal);
            case long[] xa:
                return xa.SequenceEqual((long[])b);
            case Dictionary<string, string> da:
                var db = (Dictionary<string, string>)b;
                return da.Count == db.Count && da.All(kv => db.TryGetValue(kv.Key, out var bv) && bv == kv.Value);
            case double da2:
                return da2 == (double)b;
            default:
                return a.Equals(b);
        }
    }

    /// <summary>Byte-indexed substring of a Go string (Go strings are UTF-8 bytes).</summary>
    public static string ByteSlice(string s, int start, int end)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(s);
        if (start < 0 || end > bytes.Length || start > end)
        {
            throw new TemplateFunctionException("runtime error: slice bounds out of range [" +
                (end > bytes.Length ? ":" + end.ToString(CultureInfo.InvariantCulture) + "] with length " + bytes.Length.ToString(CultureInfo.InvariantCulture)
                    : start.ToString(CultureInfo.InvariantCulture) + ":" + end.ToString(CultureInfo.InvariantCulture) + "]"));
        }
        return System.Text.Encoding.UTF8.GetString(bytes, start, end - start);
    }

    public static int ByteLength(string s) => System.Text.Encoding.UTF8.GetByteCount(s);

    public static string Join(IEnumerable<string> parts, string sep)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var p in parts)
        {
            if (!first)
            {
                sb.Append(sep);
            }
            first = false;
            sb.Append(p);
        }
        return sb.ToString();
    }
}
