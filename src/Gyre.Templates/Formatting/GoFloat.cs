using System.Globalization;
using System.Text;

namespace Gyre.Templates.Formatting;

/// <summary>strconv.FormatFloat(v, fmt, prec, 64) for the formats e, E, f, F, g, G: Go's digit selection and layout.</summary>
internal static class GoFloat
{
    public static string Format(double v, char fmt, int prec)
    {
        if (double.IsNaN(v))
        {
            return "NaN";
        }
        if (double.IsInfinity(v))
        {
            return v > 0 ? "+Inf" : "-Inf";
        }
        var neg = v < 0 || (v == 0 && double.IsNegative(v));
        if (fmt is 'b' or 'x' or 'X')
        {
            return Binary(v, fmt, neg);
        }
        var a = Math.Abs(v);
        var shortest = prec < 0;
        string digits;
        int dp;
        if (shortest)
        {
            (digits, dp) = Shortest(a);
            switch (fmt)
            {
                case 'e' or 'E': prec = Math.Max(digits.Length - 1, 0); break;
                case 'f' or 'F': prec = Math.Max(digits.Length - dp, 0); break;
                default: prec = digits.Length; break;
            }
        }
        else
        {
            switch (fmt)
            {
                case 'e' or 'E':
                    (digits, dp) = Digits(a.ToString("E" + prec.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), a);
                    break;
                case 'f' or 'F':
                    (digits, dp) = FixedDigits(a.ToString("F" + prec.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
                    break;
                default:
                    if (prec == 0)
                    {
                        prec = 1;
                    }
                    (digits, dp) = Digits(a.ToString("E" + (prec - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), a);
                    break;
            }
        }
        var sb = new StringBuilder();
        if (neg)
        {
            sb.Append('-');
        }
        switch (fmt)
        {
            case 'e' or 'E':
                FmtE(sb, digits, dp, prec, fmt);
                break;
            case 'f' or 'F':
                FmtF(sb, digits, dp, prec);
                break;
            default:
                var eprec = prec;
                if (eprec > digits.Length && digits.Length >= dp)
                {
                    eprec = digits.Length;
                }
                if (shortest)
                {
                    eprec = 6;
                }
                var exp = dp - 1;
                if (exp < -4 || exp >= eprec)
                {
                    if (prec > digits.Length)
                    {
                        prec = digits.Length;
                    }
                    FmtE(sb, digits, dp, prec - 1, fmt == 'g' ? 'e' : 'E');
                }
                else
                {
                    if (prec > dp)
                    {
                        prec = digits.Length;
                    }
                    FmtF(sb, digits, dp, Math.Max(prec - dp, 0));
                }
                break;
        }
        return sb.ToString();
    }

    // strconv's 'b' (mantissa p exponent) and 'x'/'X' (hexadecimal mantissa, shortest) formats.
    private static string Binary(double v, char fmt, bool neg)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(v);
        var exp = (int)(bits >> 52) & 0x7FF;
        var mant = bits & ((1UL << 52) - 1);
        if (exp == 0)
        {
            exp++;
        }
        else
        {
            mant |= 1UL << 52;
        }
        exp -= 1023;
        var sb = new StringBuilder();
        if (neg)
        {
            sb.Append('-');
        }
        if (fmt == 'b')
        {
            exp -= 52;
            sb.Append(mant.ToString(CultureInfo.InvariantCulture)).Append('p').Append(exp >= 0 ? "+" : "-").Append(Math.Abs(exp).ToString(CultureInfo.InvariantCulture));
            return sb.ToString();
        }
        if (mant == 0)
        {
            exp = 0;
        }
        mant <<= 60 - 52;
        while (mant != 0 && (mant & (1UL << 60)) == 0)
        {
            mant <<= 1;
            exp--;
        }
        var hex = fmt == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        sb.Append('0').Append(fmt).Append((char)('0' + (int)((mant >> 60) & 1)));
        mant <<= 4;
        if (mant != 0)
        {
            sb.Append('.');
            while (mant != 0)
            {
                sb.Append(hex[(int)((mant >> 60) & 15)]);
                mant <<= 4;
            }
        }
        sb.Append(fmt == 'X' ? 'P' : 'p').Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        sb.Append(exp.ToString(exp < 100 ? "00" : "0", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>Shortest digits that round-trip (Go's default %v of float64).</summary>
    public static (string Digits, int Dp) Shortest(double a) => a == 0 ? ("", 0) : Digits(a.ToString("R", CultureInfo.InvariantCulture), a);

    // Parses .NET "d.dddE+xxx" or plain "123.45" text into significant digits (no trailing zeros) and decimal point.
    private static (string Digits, int Dp) Digits(string s, double a)
    {
        if (a == 0)
        {
            return ("", 0);
        }
        var e = s.IndexOfAny(['E', 'e']);
        var exp = 0;
        var mant = s;
        if (e >= 0)
        {
            exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mant = s[..e];
        }
        var dot = mant.IndexOf('.', StringComparison.Ordinal);
        var intLen = dot < 0 ? mant.Length : dot;
        var all = mant.Replace(".", "", StringComparison.Ordinal);
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }
        var dp = intLen + exp - lead;
        var digits = all[lead..].TrimEnd('0');
        return digits.Length == 0 ? ("", 0) : (digits, dp);
    }

    private static (string Digits, int Dp) FixedDigits(string s)
    {
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var intLen = dot < 0 ? s.Length : dot;
        var all = s.Replace(".", "", StringComparison.Ordinal);
        var lead = 0;
        while (lead < all.Length && all[lead] == '0')
        {
            lead++;
        }
        var digits = all[lead..].TrimEnd('0');
        return digits.Length == 0 ? ("", 0) : (digits, intLen - lead);
    }

    private static void FmtE(StringBuilder sb, string d, int dp, int prec, char fmt)
    {
        sb.Append(d.Length == 0 ? '0' : d[0]);
        if (prec > 0)
        {
            sb.Append('.');
            var i = 1;
            var m = Math.Min(d.Length, prec + 1);
            if (i < m)
            {
                sb.Append(d, i, m - i);
                i = m;
            }
            for (; i <= prec; i++)
            {
                sb.Append('0');
            }
        }
        sb.Append(fmt);
        var exp = d.Length == 0 ? 0 : dp - 1;
        sb.Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        if (exp < 10)
        {
            sb.Append('0');
        }
        sb.Append(exp.ToString(CultureInfo.InvariantCulture));
    }

    private static void FmtF(StringBuilder sb, string d, int dp, int prec)
    {
        if (dp > 0)
        {
            var m = Math.Min(d.Length, dp);
            sb.Append(d, 0, m);
            for (; m < dp; m++)
            {
                sb.Append('0');
            }
        }
        else
        {
            sb.Append('0');
        }
        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= prec; i++)
            {
                var j = dp + i - 1;
                sb.Append(j >= 0 && j < d.Length ? d[j] : '0');
            }
        }
    }
}
