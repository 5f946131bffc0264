using System.Globalization;
using System.Text;

namespace Gyre.Sops.Crypto;

/// <summary>
/// Go's strconv.FormatFloat(f, fmt, -1, 64) for 'f', 'e' and 'g': sops hashes floats with 'f', go-yaml prints them
/// with 'g' and encoding/json with 'f' or 'e'. Built on .NET's shortest round-trip digits, which are the same digits.
/// </summary>
internal static class GoFloat
{
    public static string Format(double value, char format)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var (negative, digits, pointPosition) = ShortestDigits(value);
        var text = new StringBuilder();
        if (negative)
        {
            text.Append('-');
        }

        switch (format)
        {
            case 'f':
                AppendFixed(text, digits, pointPosition);
                break;
            case 'e':
                AppendExponent(text, digits, pointPosition);
                break;
            case 'g':
                // As Go's %g with the shortest precision: %e when the exponent is < -4 or >= 6.
                var exponent = pointPosition - 1;
                if (exponent < -4 || exponent >= 6)
                {
                    AppendExponent(text, digits, pointPosition);
                }
                else
                {
                    AppendFixed(text, digits, pointPosition);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format));
        }

        return text.ToString();
    }

    private static (bool Negative, string Digits, int PointPosition) ShortestDigits(double value)
    {
        if (value == 0)
        {
            return (double.IsNegative(value), "0", 1);
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        shortest = shortest.TrimStart('-');
        int exponent = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = shortest;
        if (e >= 0)
        {
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = shortest[..e];
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var all = intPart + fracPart;
        var pointPosition = intPart.Length + exponent;
        var leadingZeros = 0;
        while (leadingZeros < all.Length - 1 && all[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        all = all[leadingZeros..];
        pointPosition -= leadingZeros;
        all = all.TrimEnd('0');
        if (all.Length == 0)
        {
            all = "0";
        }

        return (negative, all, pointPosition);
    }

    private static void AppendFixed(StringBuilder text, string digits, int pointPosition)
    {
        if (pointPosition <= 0)
        {
            text.Append("0.").Append('0', -pointPosition).Append(digits);
            return;
        }

        if (pointPosition >= digits.Length)
        {
            text.Append(digits).Append('0', pointPosition - digits.Length);
            return;
        }

        text.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
    }

    private static void AppendExponent(StringBuilder text, string digits, int pointPosition)
    {
        text.Append(digits[0]);
        if (digits.Length > 1)
        {
            text.Append('.').Append(digits, 1, digits.Length - 1);
        }

        var exponent = pointPosition - 1;
        text.Append('e').Append(exponent < 0 ? '-' : '+');
        var abs = Math.Abs(exponent);
        if (abs < 10)
        {
            text.Append('0');
        }

        text.Append(abs.ToString(CultureInfo.InvariantCulture));
    }
}
