using System.Globalization;
using System.Text;

namespace Gyre.Cel.Runtime;

/// <summary>
/// Formats a double as cel-go's <c>string(double)</c> does (Go's <c>strconv.FormatFloat(f, 'g', -1, 64)</c>): the
/// shortest round-trip digits, exponent form when the exponent is below -4 or at least 6 (<c>1e+06</c>, <c>1e-05</c>).
/// </summary>
internal static class DoubleText
{
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var sign = value < 0 || (value == 0 && double.IsNegative(value)) ? "-" : string.Empty;
        if (value == 0)
        {
            return sign + "0";
        }

        var (digits, exponent) = Decompose(Math.Abs(value));
        var text = new StringBuilder(sign);
        if (exponent < -4 || exponent >= 6)
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits, 1, digits.Length - 1);
            }

            text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
            return text.ToString();
        }

        var pointAt = exponent + 1; // digits before the decimal point
        if (pointAt <= 0)
        {
            text.Append("0.").Append('0', -pointAt).Append(digits);
        }
        else if (pointAt >= digits.Length)
        {
            text.Append(digits).Append('0', pointAt - digits.Length);
        }
        else
        {
            text.Append(digits, 0, pointAt).Append('.').Append(digits, pointAt, digits.Length - pointAt);
        }

        return text.ToString();
    }

    // Shortest round-trip digits (no leading/trailing zeros) and the decimal exponent of the first digit.
    private static (string Digits, int Exponent) Decompose(double value)
    {
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var mantissa = shortest;
        var exponent = 0;
        var ePos = shortest.IndexOf('E', StringComparison.Ordinal);
        if (ePos >= 0)
        {
            mantissa = shortest[..ePos];
            exponent = int.Parse(shortest[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = point >= 0 ? mantissa[..point] : mantissa;
        var all = integerPart + (point >= 0 ? mantissa[(point + 1)..] : string.Empty);
        var leadingZeros = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        var firstDigitExponent = integerPart.Length - 1 - leadingZeros + exponent;
        return (digits.Length == 0 ? "0" : digits, firstDigitExponent);
    }
}
