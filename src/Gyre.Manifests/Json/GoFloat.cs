using System.Globalization;
using System.Text;

namespace Gyre.Manifests.Json;

/// <summary>
/// Formats doubles exactly as Go does, because kubectl's output (encoding/json, then yaml.v2) is the reference:
/// the shortest digits that round-trip, laid out as strconv.FormatFloat's 'f', 'e' and 'g' formats.
/// </summary>
public static class GoFloat
{
    /// <summary>encoding/json: 'f' for 1e-6 ≤ |f| &lt; 1e21, otherwise 'e' with "e-07" shortened to "e-7".</summary>
    public static string FormatJson(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ManifestException($"json: unsupported value: {FormatG(value)}");
        }

        var abs = Math.Abs(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var e = FormatE(value);
            var n = e.Length;
            return n >= 4 && e[n - 4] == 'e' && e[n - 3] == '-' && e[n - 2] == '0' ? e[..(n - 2)] + e[n - 1] : e;
        }

        return FormatF(value);
    }

    /// <summary>strconv.FormatFloat(f, 'g', -1, 64).</summary>
    public static string FormatG(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        return LayoutG(Shortest(value));
    }

    /// <summary>strconv.FormatFloat(f, 'g', -1, 32): the shortest digits that round-trip as a float32.</summary>
    public static string FormatG32(float value) =>
        float.IsFinite(value)
            ? LayoutG(Parse(value.ToString("R", CultureInfo.InvariantCulture), value == 0 && float.IsNegative(value)))
            : FormatG(value);

    /// <summary>strconv.FormatFloat(f, 'f', -1, 64).</summary>
    public static string FormatF(double value) => LayoutF(Shortest(value));

    /// <summary>strconv.FormatFloat(f, 'e', -1, 64): d.ddde±XX with at least two exponent digits.</summary>
    public static string FormatE(double value) => LayoutE(Shortest(value));

    /// <summary>
    /// The shortest round-trip decimal digits of <paramref name="value"/> (no leading or trailing zeros, "0" for zero)
    /// and the position of the decimal point relative to the first digit, as Go's decimal conversion reports them.
    /// </summary>
    internal static ShortestDigits Shortest(double value) =>
        // .NET's "R" is the shortest round-trippable representation: the digits Go's shortest mode picks.
        Parse(value.ToString("R", CultureInfo.InvariantCulture), value == 0 && double.IsNegative(value));

    // Go: %e when exp < -4 || exp >= eprec, and eprec is 6 in shortest mode.
    private static string LayoutG(ShortestDigits d)
    {
        var exp = d.Digits == "0" ? 0 : d.DecimalPoint - 1;
        return exp < -4 || exp >= 6 ? LayoutE(d) : LayoutF(d);
    }

    private static string LayoutF(ShortestDigits d)
    {
        var text = new StringBuilder(d.Digits.Length + 8);
        if (d.Negative)
        {
            text.Append('-');
        }

        if (d.DecimalPoint <= 0)
        {
            text.Append('0');
        }
        else
        {
            for (var i = 0; i < d.DecimalPoint; i++)
            {
                text.Append(i < d.Digits.Length ? d.Digits[i] : '0');
            }
        }

        if (d.Digits.Length > d.DecimalPoint)
        {
            text.Append('.');
            for (var i = d.DecimalPoint; i < 0; i++)
            {
                text.Append('0');
            }

            var from = Math.Max(d.DecimalPoint, 0);
            text.Append(d.Digits, from, d.Digits.Length - from);
        }

        return text.ToString();
    }

    private static string LayoutE(ShortestDigits d)
    {
        var text = new StringBuilder(d.Digits.Length + 8);
        if (d.Negative)
        {
            text.Append('-');
        }

        text.Append(d.Digits[0]);
        if (d.Digits.Length > 1)
        {
            text.Append('.').Append(d.Digits, 1, d.Digits.Length - 1);
        }

        var exp = d.Digits == "0" ? 0 : d.DecimalPoint - 1;
        text.Append('e').Append(exp < 0 ? '-' : '+');
        var abs = Math.Abs(exp);
        if (abs < 10)
        {
            text.Append('0');
        }

        return text.Append(abs.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    private static ShortestDigits Parse(string r, bool negativeZero)
    {
        var negative = r.StartsWith('-') || negativeZero;
        if (r.StartsWith('-'))
        {
            r = r[1..];
        }

        var exponent = 0;
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var dot = r.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? r : r.Remove(dot, 1);
        var decimalPoint = (dot < 0 ? r.Length : dot) + exponent;
        var lead = 0;
        while (lead < digits.Length && digits[lead] == '0')
        {
            lead++;
        }

        digits = digits[lead..].TrimEnd('0');
        return digits.Length == 0 ? new ShortestDigits(negative, "0", 1) : new ShortestDigits(negative, digits, decimalPoint - lead);
    }

    internal readonly record struct ShortestDigits(bool Negative, string Digits, int DecimalPoint);
}
