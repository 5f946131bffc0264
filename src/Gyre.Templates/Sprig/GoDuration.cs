using System.Globalization;
using System.Text;

namespace Gyre.Templates.Sprig;

/// <summary>time.Duration's String and time.ParseDuration.</summary>
internal static class GoDuration
{
    public static string Format(TimeSpan d)
    {
        var ns = d.Ticks * 100;
        if (ns == 0)
        {
            return "0s";
        }
        var neg = ns < 0;
        var u = (ulong)Math.Abs(ns);
        var sb = new StringBuilder();
        if (u < 1_000_000_000UL)
        {
            // Sub-second: ns, µs or ms with a fraction.
            string unit;
            double value;
            if (u < 1000)
            {
                unit = "ns";
                value = u;
            }
            else if (u < 1_000_000)
            {
                unit = "µs";
                value = u / 1e3;
            }
            else
            {
                unit = "ms";
                value = u / 1e6;
            }
            return (neg ? "-" : "") + value.ToString("0.#########", CultureInfo.InvariantCulture) + unit;
        }
        var totalSeconds = u / 1_000_000_000UL;
        var frac = u % 1_000_000_000UL;
        var h = totalSeconds / 3600;
        var m = totalSeconds / 60 % 60;
        var s = totalSeconds % 60;
        if (neg)
        {
            sb.Append('-');
        }
        if (h > 0)
        {
            sb.Append(h.ToString(CultureInfo.InvariantCulture)).Append('h');
        }
        if (h > 0 || m > 0)
        {
            sb.Append(m.ToString(CultureInfo.InvariantCulture)).Append('m');
        }
        sb.Append(s.ToString(CultureInfo.InvariantCulture));
        if (frac > 0)
        {
            sb.Append('.').Append(frac.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        }
        sb.Append('s');
        return sb.ToString();
    }

    public static TimeSpan? Parse(string s)
    {
        var orig = s;
        if (s.Length == 0)
        {
            return null;
        }
        var neg = false;
        if (s[0] is '-' or '+')
        {
            neg = s[0] == '-';
            s = s[1..];
        }
        if (s == "0")
        {
            return TimeSpan.Zero;
        }
        if (s.Length == 0)
        {
            return null;
        }
        double totalNs = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }
            if (start == i || !double.TryParse(s[start..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return null;
            }
            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
            {
                i++;
            }
            var scale = s[unitStart..i] switch
            {
                "ns" => 1d,
                "us" or "µs" or "μs" => 1e3,
                "ms" => 1e6,
                "s" => 1e9,
                "m" => 60e9,
                "h" => 3600e9,
                _ => double.NaN,
            };
            if (double.IsNaN(scale))
            {
                return null;
            }
            totalNs += value * scale;
        }
        _ = orig;
        var ticks = (long)Math.Round(totalNs / 100);
        return TimeSpan.FromTicks(neg ? -ticks : ticks);
    }
}
