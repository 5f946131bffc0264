using System.Globalization;
using System.Text;

namespace Gyre.Kustomize.Yaml;

/// <summary>Go's shortest float formatting: encoding/json's float encoder and strconv 'g' with precision -1.</summary>
internal static class GoFloatFormat
{
    /// <summary>encoding/json: 'f' unless |x| &lt; 1e-6 or ≥ 1e21, then 'e' with e-07 cleaned to e-7.</summary>
    public static string Json(double value)
    {
        var abs = Math.Abs(value);
        var (negative, digits, point) = Decompose(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var e = FormatE(negative, digits, point);
            var at = e.IndexOf('e', StringComparison.Ordinal);
            var exponent = e[(at + 2)..].TrimStart('0');
            return e[..(at + 2)] + (exponent.Length == 0 ? "0" : exponent);
        }

        return FormatF(negative, digits, point);
    }

    /// <summary>strconv.FormatFloat(x, 'g', -1, 64), as yaml.v2 writes floats.</summary>
    public static string G(double value)
    {
        var (negative, digits, point) = Decompose(value);
        var exponent = point - 1;
        return exponent < -4 || exponent >= 6 ? FormatE(negative, digits, point) : FormatF(negative, digits, point);
    }

    private static (bool Negative, string Digits, int Point) Decompose(double value)
    {
        if (value == 0)
        {
            return (double.IsNegative(value), "0", 1);
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text.StartsWith('-');
        if (negative)
        {
            text = text[1..];
        }

        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var digits = dot >= 0 ? text.Remove(dot, 1) : text;
        var point = (dot >= 0 ? dot : text.Length) + exponent;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0');
        point -= leading;
        digits = digits.TrimEnd('0');
        return (negative, digits.Length == 0 ? "0" : digits, point);
    }

    private static string FormatF(bool negative, string digits, int point)
    {
        var text = new StringBuilder();
        if (negative)
        {
            text.Append('-');
        }

        if (point <= 0)
        {
            text.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            text.Append(digits).Append('0', point - digits.Length);
        }
        else
        {
            text.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }

        return text.ToString();
    }

    private static string FormatE(bool negative, string digits, int point)
    {
        var text = new StringBuilder();
        if (negative)
        {
            text.Append('-');
        }

        text.Append(digits[0]);
        if (digits.Length > 1)
        {
            text.Append('.').Append(digits, 1, digits.Length - 1);
        }

        var exponent = point - 1;
        text.Append('e').Append(exponent < 0 ? '-' : '+');
        var magnitude = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        return text.Append(magnitude.Length < 2 ? "0" + magnitude : magnitude).ToString();
    }
}
