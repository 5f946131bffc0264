using System.Globalization;
using Gyre.Templates.Functions;
using static Gyre.Templates.Sprig.SprigFunctions;

namespace Gyre.Templates.Sprig;

/// <summary>Sprig's integer and float math (numeric.go and the inline functions of functions.go).</summary>
internal static class MathFunctions
{
    private const ArgType Any = ArgType.Any;

    public static void Register(Dictionary<string, TemplateFunction> m)
    {
        m["add1"] = F(a => new GoInt64(Cast.ToInt64(a[0]) + 1), Any);
        m["add"] = V(a => new GoInt64(a.Aggregate(0L, (s, x) => unchecked(s + Cast.ToInt64(x)))), Any);
        m["sub"] = F(a => new GoInt64(unchecked(Cast.ToInt64(a[0]) - Cast.ToInt64(a[1]))), Any, Any);
        m["div"] = F(a => new GoInt64(Div(Cast.ToInt64(a[0]), Cast.ToInt64(a[1]))), Any, Any);
        m["mod"] = F(a => new GoInt64(Mod(Cast.ToInt64(a[0]), Cast.ToInt64(a[1]))), Any, Any);
        m["mul"] = V(a => new GoInt64(a.Skip(1).Aggregate(Cast.ToInt64(a[0]), (s, x) => unchecked(s * Cast.ToInt64(x)))), Any, Any);
        m["randInt"] = F(a => RandInt((long)a[0]!, (long)a[1]!), ArgType.Int, ArgType.Int);
        m["add1f"] = F(a => DecimalOp(a[0], [1L], (x, y) => x + y), Any);
        m["addf"] = V(a => DecimalOp(0.0, a, (x, y) => x + y), Any);
        m["subf"] = V(a => DecimalOp(a[0], a[1..], (x, y) => x - y), Any, Any);
        m["divf"] = V(a => DecimalOp(a[0], a[1..], DecimalDiv), Any, Any);
        m["mulf"] = V(a => DecimalOp(a[0], a[1..], (x, y) => x * y), Any, Any);
        m["biggest"] = m["max"] = V(a => new GoInt64(a.Skip(1).Select(Cast.ToInt64).Aggregate(Cast.ToInt64(a[0]), Math.Max)), Any, Any);
        m["min"] = V(a => new GoInt64(a.Skip(1).Select(Cast.ToInt64).Aggregate(Cast.ToInt64(a[0]), Math.Min)), Any, Any);
        m["maxf"] = V(a => a.Skip(1).Select(Cast.ToFloat64).Aggregate(Cast.ToFloat64(a[0]), Math.Max), Any, Any);
        m["minf"] = V(a => a.Skip(1).Select(Cast.ToFloat64).Aggregate(Cast.ToFloat64(a[0]), Math.Min), Any, Any);
        m["ceil"] = F(a => Math.Ceiling(Cast.ToFloat64(a[0])), Any);
        m["floor"] = F(a => Math.Floor(Cast.ToFloat64(a[0])), Any);
        m["round"] = V(a => Round(a[0], (long)a[1]!, a.Length > 2 ? (double)a[2]! : 0.5), ArgType.Float64, Any, ArgType.Int);
        m["until"] = F(a => UntilStep(0, (long)a[0]!, (long)a[0]! < 0 ? -1 : 1), ArgType.Int);
        m["untilStep"] = F(a => UntilStep((long)a[0]!, (long)a[1]!, (long)a[2]!), ArgType.Int, ArgType.Int, ArgType.Int);
        m["seq"] = V(a => Seq(a.Select(x => (long)x!).ToArray()), ArgType.Int);
    }

    private static long Div(long a, long b) =>
        b == 0 ? throw new TemplateFunctionException("runtime error: integer divide by zero") : a == long.MinValue && b == -1 ? a : a / b;

    private static long Mod(long a, long b) =>
        b == 0 ? throw new TemplateFunctionException("runtime error: integer divide by zero") : b == -1 ? 0 : a % b;

    private static long RandInt(long min, long max)
    {
        if (max - min <= 0)
        {
            throw new TemplateFunctionException("invalid argument to Intn");
        }
        return min + System.Security.Cryptography.RandomNumberGenerator.GetInt32((int)Math.Min(int.MaxValue, max - min));
    }

    // shopspring/decimal arithmetic on decimal.NewFromFloat values (shortest decimal form), division to 16 places.
    private static double DecimalOp(object? a, object?[] b, Func<decimal, decimal, decimal> f)
    {
        try
        {
            var acc = ToDecimal(Cast.ToFloat64(a));
            foreach (var x in b)
            {
                acc = f(acc, ToDecimal(Cast.ToFloat64(x)));
            }
            // decimal keeps a negative zero; shopspring/decimal has none.
            return (double)acc + 0.0;
        }
        catch (DivideByZeroException)
        {
            throw new TemplateFunctionException("decimal division by 0");
        }
        catch (OverflowException)
        {
            return double.NaN;
        }
    }

    private static decimal DecimalDiv(decimal x, decimal y) =>
        y == 0 ? throw new DivideByZeroException() : Math.Round(x / y, 16, MidpointRounding.AwayFromZero);

    private static decimal ToDecimal(double d) =>
        decimal.Parse(d.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double Round(object? a, long p, double roundOn)
    {
        var val = Cast.ToFloat64(a);
        var pow = Math.Pow(10, p);
        var digit = pow * val;
        var div = digit - Math.Truncate(digit);
        var round = div >= roundOn ? Math.Ceiling(digit) : Math.Floor(digit);
        return round / pow;
    }

    internal static long[] UntilStep(long start, long stop, long step)
    {
        var v = new List<long>();
        if (stop < start)
        {
            if (step >= 0)
            {
                return [];
            }
            for (var i = start; i > stop; i += step)
            {
                v.Add(i);
            }
            return v.ToArray();
        }
        if (step <= 0)
        {
            return [];
        }
        for (var i = start; i < stop; i += step)
        {
            v.Add(i);
        }
        return v.ToArray();
    }

    private static string Seq(long[] p)
    {
        long[] values;
        switch (p.Length)
        {
            case 1:
                var inc = p[0] < 1 ? -1 : 1;
                values = UntilStep(1, p[0] + inc, inc);
                break;
            case 2:
                var step = p[1] < p[0] ? -1 : 1;
                values = UntilStep(p[0], p[1] + step, step);
                break;
            case 3:
                var increment = 1;
                if (p[2] < p[0])
                {
                    increment = -1;
                    if (p[1] > 0)
                    {
                        return "";
                    }
                }
                values = UntilStep(p[0], p[2] + increment, p[1]);
                break;
            default:
                return "";
        }
        return string.Join(' ', values.Select(x => x.ToString(CultureInfo.InvariantCulture)));
    }
}
