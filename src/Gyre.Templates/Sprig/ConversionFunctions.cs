using System.Globalization;
using Gyre.Templates.Execution;
using Gyre.Templates.Formatting;
using Gyre.Templates.Functions;
using static Gyre.Templates.Sprig.SprigFunctions;

namespace Gyre.Templates.Sprig;

/// <summary>Sprig's type conversions and reflection helpers (numeric.go, reflect.go).</summary>
internal static class ConversionFunctions
{
    public static void Register(Dictionary<string, TemplateFunction> m)
    {
        m["atoi"] = F(a => long.TryParse(S(a[0]), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0L, ArgType.String);
        m["int64"] = F(a => new GoInt64(Cast.ToInt64(a[0])), ArgType.Any);
        m["int"] = F(a => Cast.ToInt64(a[0]), ArgType.Any);
        m["float64"] = F(a => Cast.ToFloat64(a[0]), ArgType.Any);
        m["toDecimal"] = F(a => new GoInt64(ToDecimal(a[0])), ArgType.Any);
        m["typeOf"] = F(a => GoPrinter.Sprintf("%T", [a[0]]), ArgType.Any);
        m["typeIs"] = F(a => S(a[0]) == GoPrinter.Sprintf("%T", [a[1]]), ArgType.String, ArgType.Any);
        m["typeIsLike"] = F(a => S(a[0]) == GoPrinter.Sprintf("%T", [a[1]]) || "*" + S(a[0]) == GoPrinter.Sprintf("%T", [a[1]]), ArgType.String, ArgType.Any);
        m["kindOf"] = F(a => Cast.KindName(a[0]), ArgType.Any);
        m["kindIs"] = F(a => S(a[0]) == Cast.KindName(a[1]), ArgType.String, ArgType.Any);
        m["deepEqual"] = F(a => Cast.DeepEqual(a[0], a[1]), ArgType.Any, ArgType.Any);
    }

    // strconv.ParseInt(fmt.Sprint(v), 8, 64), 0 on error.
    private static long ToDecimal(object? v)
    {
        var s = GoPrinter.Sprint([v]);
        var t = s.StartsWith('+') || s.StartsWith('-') ? s[1..] : s;
        if (t.Length == 0 || t.Any(c => c is < '0' or > '7'))
        {
            return 0;
        }
        try
        {
            var value = Convert.ToInt64(t, 8);
            return s.StartsWith('-') ? -value : value;
        }
        catch (OverflowException)
        {
            return 0;
        }
    }

    internal static string Inv(long v) => v.ToString(CultureInfo.InvariantCulture);

    internal static bool IsNil(object? v) => v is null or NoValue;
}
