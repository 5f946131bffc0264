namespace Gyre.Cel.Values;

/// <summary>
/// Equality and ordering with current CEL's heterogeneous numeric rules: int, uint and double compare by numeric value
/// (<c>1 == 1u</c>, <c>1 == 1.0</c>, <c>2 &gt; 1.5</c>); values of other different types are unequal, never an error.
/// </summary>
internal static class CelEquality
{
    public static bool ValueEquals(object a, object b)
    {
        switch (a, b)
        {
            case (long or ulong or double, long or ulong or double):
                return Compare(a, b) == 0;
            case (IReadOnlyList<object> x, IReadOnlyList<object> y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    if (!ValueEquals(x[i], y[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (CelMap x, CelMap y):
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (var key in x.Keys)
                {
                    if (!x.TryGet(key, out var xv) || !y.TryGet(key, out var yv) || !ValueEquals(xv, yv))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return a.GetType() == b.GetType() && a.Equals(b);
        }
    }

    /// <summary>
    /// Orders two values: negative, zero or positive; <see cref="double.NaN"/> when a NaN makes them unordered.
    /// Throws <see cref="CelErrorException"/> when the types have no ordering.
    /// </summary>
    public static double Compare(object a, object b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (ulong x, ulong y) => x.CompareTo(y),
        (double x, double y) => CompareDoubles(x, y),
        (long x, ulong y) => x < 0 ? -1 : ((ulong)x).CompareTo(y),
        (ulong x, long y) => y < 0 ? 1 : x.CompareTo((ulong)y),
        (long x, double y) => CompareIntDouble(x, y),
        (double x, long y) => -CompareIntDouble(y, x),
        (ulong x, double y) => CompareUintDouble(x, y),
        (double x, ulong y) => -CompareUintDouble(y, x),
        (string x, string y) => Math.Sign(string.CompareOrdinal(x, y)),
        (bool x, bool y) => x.CompareTo(y),
        (CelBytes x, CelBytes y) => Math.Sign(x.CompareTo(y)),
        (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
        (TimeSpan x, TimeSpan y) => x.CompareTo(y),
        _ => throw CelErrorException.NoOverload("_<_", a, b),
    };

    private static double CompareDoubles(double x, double y) =>
        double.IsNaN(x) || double.IsNaN(y) ? double.NaN : x.CompareTo(y);

    // Exact comparison of an int64 with a double: compare in double space only when the int converts losslessly.
    private static double CompareIntDouble(long x, double y)
    {
        if (double.IsNaN(y))
        {
            return double.NaN;
        }

        if (y >= 9.2233720368547758e18)
        {
            return -1;
        }

        if (y < -9.2233720368547758e18)
        {
            return 1;
        }

        var truncated = (long)Math.Truncate(y);
        if (x != truncated)
        {
            return x.CompareTo(truncated);
        }

        var fraction = y - Math.Truncate(y);
        return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
    }

    private static double CompareUintDouble(ulong x, double y)
    {
        if (double.IsNaN(y))
        {
            return double.NaN;
        }

        if (y < 0)
        {
            return 1;
        }

        if (y >= 1.8446744073709552e19)
        {
            return -1;
        }

        var truncated = (ulong)Math.Truncate(y);
        if (x != truncated)
        {
            return x.CompareTo(truncated);
        }

        return y - Math.Truncate(y) > 0 ? -1 : 0;
    }
}
