using Gyre.Cel.Values;

namespace Gyre.Cel.Runtime;

/// <summary>
/// Arithmetic per cel-spec: int and uint overflow is an error (never wraps), division and modulus by zero are errors,
/// double follows IEEE 754, no implicit conversion between numeric types; plus string/bytes/list concatenation and
/// timestamp/duration arithmetic with range checks.
/// </summary>
internal static class Arithmetic
{
    public static object Add(object a, object b)
    {
        switch (a, b)
        {
            case (long x, long y):
                return Checked(() => checked(x + y));
            case (ulong x, ulong y):
                return Checked(() => checked(x + y));
            case (double x, double y):
                return x + y;
            case (string x, string y):
                return string.Concat(x, y);
            case (CelBytes x, CelBytes y):
                return new CelBytes([.. x.Data, .. y.Data]);
            case (IReadOnlyList<object> x, IReadOnlyList<object> y):
                return (object[])[.. x, .. y];
            case (DateTimeOffset t, TimeSpan d):
                return TimeValues.CheckTimestamp(() => t + d);
            case (TimeSpan d, DateTimeOffset t):
                return TimeValues.CheckTimestamp(() => t + d);
            case (TimeSpan x, TimeSpan y):
                return TimeValues.CheckDuration(() => x + y);
            default:
                throw CelErrorException.NoOverload("_+_", a, b);
        }
    }

    public static object Subtract(object a, object b) => (a, b) switch
    {
        (long x, long y) => Checked(() => checked(x - y)),
        (ulong x, ulong y) => Checked(() => checked(x - y)),
        (double x, double y) => x - y,
        (DateTimeOffset x, DateTimeOffset y) => TimeValues.CheckDuration(() => x - y),
        (DateTimeOffset t, TimeSpan d) => TimeValues.CheckTimestamp(() => t - d),
        (TimeSpan x, TimeSpan y) => TimeValues.CheckDuration(() => x - y),
        _ => throw CelErrorException.NoOverload("_-_", a, b),
    };

    public static object Multiply(object a, object b) => (a, b) switch
    {
        (long x, long y) => Checked(() => checked(x * y)),
        (ulong x, ulong y) => Checked(() => checked(x * y)),
        (double x, double y) => x * y,
        _ => throw CelErrorException.NoOverload("_*_", a, b),
    };

    public static object Divide(object a, object b) => (a, b) switch
    {
        (long, 0L) or (ulong, 0UL) => throw new CelErrorException("divide by zero"),
        (long x, long y) => x == long.MinValue && y == -1 ? throw Overflow() : x / y,
        (ulong x, ulong y) => x / y,
        (double x, double y) => x / y,
        _ => throw CelErrorException.NoOverload("_/_", a, b),
    };

    public static object Modulo(object a, object b) => (a, b) switch
    {
        (long, 0L) or (ulong, 0UL) => throw new CelErrorException("modulus by zero"),
        (long x, long y) => x == long.MinValue && y == -1 ? throw Overflow() : x % y,
        (ulong x, ulong y) => x % y,
        _ => throw CelErrorException.NoOverload("_%_", a, b),
    };

    public static object Negate(object a) => a switch
    {
        long x => x == long.MinValue ? throw Overflow() : -x,
        double x => -x,
        TimeSpan d => TimeValues.CheckDuration(() => -d),
        _ => throw CelErrorException.NoOverload("-_", a),
    };

    private static object Checked<T>(Func<T> operation)
        where T : notnull
    {
        try
        {
            return operation();
        }
        catch (OverflowException)
        {
            throw Overflow();
        }
    }

    private static CelErrorException Overflow() => new("return error for overflow");
}
