using System.Globalization;
using System.Text;

namespace Gyre.Templates.Execution;

/// <summary>Go's time.Format layouts (reference time Mon Jan 2 15:04:05 MST 2006).</summary>
internal static class GoTimeLayout
{
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static string Format(GoTime t, string layout)
    {
        var local = t.Local;
        var offset = local.Offset;
        var sb = new StringBuilder();
        var i = 0;
        while (i < layout.Length)
        {
            if (TryToken(layout, i, local, offset, t.Zone, sb, out var consumed))
            {
                i += consumed;
            }
            else
            {
                sb.Append(layout[i]);
                i++;
            }
        }
        return sb.ToString();
    }

    private static bool StartsAt(string s, int i, string p) => string.CompareOrdinal(s, i, p, 0, p.Length) == 0 && i + p.Length <= s.Length;

    private static string D2(int v) => v.ToString("00", CultureInfo.InvariantCulture);

    private static bool TryToken(string l, int i, DateTimeOffset t, TimeSpan offset, TimeZoneInfo zone, StringBuilder sb, out int consumed)
    {
        (string Token, Func<string> Value)[] tokens =
        [
            ("January", () => Months[t.Month - 1]),
            ("Jan", () => Months[t.Month - 1][..3]),
            ("Monday", () => Days[(int)t.DayOfWeek]),
            ("Mon", () => Days[(int)t.DayOfWeek][..3]),
            ("MST", () => Abbreviation(zone, offset, t)),
            ("2006", () => t.Year.ToString("0000", CultureInfo.InvariantCulture)),
            ("-07:00:00", () => Offset(offset, ":", seconds: true, z: false)),
            ("-0700", () => Offset(offset, "", false, false)),
            ("-07:00", () => Offset(offset, ":", false, false)),
            ("-07", () => Offset(offset, "", false, false)[..3]),
            ("Z07:00", () => Offset(offset, ":", false, true)),
            ("Z0700", () => Offset(offset, "", false, true)),
            ("Z07", () => offset == TimeSpan.Zero ? "Z" : Offset(offset, "", false, false)[..3]),
            ("01", () => D2(t.Month)),
            ("02", () => D2(t.Day)),
            ("_2", () => t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)),
            ("002", () => t.DayOfYear.ToString("000", CultureInfo.InvariantCulture)),
            ("06", () => D2(t.Year % 100)),
            ("15", () => D2(t.Hour)),
            ("03", () => D2(t.Hour % 12 == 0 ? 12 : t.Hour % 12)),
            ("04", () => D2(t.Minute)),
            ("05", () => D2(t.Second)),
            ("PM", () => t.Hour >= 12 ? "PM" : "AM"),
            ("pm", () => t.Hour >= 12 ? "pm" : "am"),
            ("1", () => t.Month.ToString(CultureInfo.InvariantCulture)),
            ("2", () => t.Day.ToString(CultureInfo.InvariantCulture)),
            ("3", () => (t.Hour % 12 == 0 ? 12 : t.Hour % 12).ToString(CultureInfo.InvariantCulture)),
            ("4", () => t.Minute.ToString(CultureInfo.InvariantCulture)),
            ("5", () => t.Second.ToString(CultureInfo.InvariantCulture)),
        ];
        if ((l[i] == '.' || l[i] == ',') && i + 1 < l.Length && (l[i + 1] == '0' || l[i + 1] == '9'))
        {
            var j = i + 1;
            while (j < l.Length && l[j] == l[i + 1])
            {
                j++;
            }
            if (j >= l.Length || !char.IsDigit(l[j]))
            {
                var n = j - i - 1;
                var frac = (t.Ticks % TimeSpan.TicksPerSecond * 100).ToString("000000000", CultureInfo.InvariantCulture)[..Math.Min(n, 9)];
                if (l[i + 1] == '9')
                {
                    frac = frac.TrimEnd('0');
                    if (frac.Length > 0)
                    {
                        sb.Append(l[i]).Append(frac);
                    }
                }
                else
                {
                    sb.Append(l[i]).Append(frac);
                }
                consumed = j - i;
                return true;
            }
        }
        foreach (var (token, value) in tokens)
        {
            if (StartsAt(l, i, token))
            {
                // Go requires "Jan"/"Mon" not be followed by a lower-case letter.
                if (token is "Jan" or "Mon" && i + 3 < l.Length && char.IsLower(l[i + 3]))
                {
                    break;
                }
                sb.Append(value());
                consumed = token.Length;
                return true;
            }
        }
        consumed = 0;
        return false;
    }

    private static string Offset(TimeSpan offset, string sep, bool seconds, bool z)
    {
        if (z && offset == TimeSpan.Zero)
        {
            return "Z";
        }
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var o = offset.Duration();
        var s = sign + D2(o.Hours) + sep + D2(o.Minutes);
        return seconds ? s + sep + D2(o.Seconds) : s;
    }

    private static string Abbreviation(TimeZoneInfo zone, TimeSpan offset, DateTimeOffset at)
    {
        if (zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC")
        {
            return "UTC";
        }
        var name = zone.IsDaylightSavingTime(at) ? zone.DaylightName : zone.StandardName;
        if (name.Length is > 0 and <= 6 && !name.Contains(' ', StringComparison.Ordinal))
        {
            return name;
        }
        // Go prints an unnamed zone in the -0700 form.
        var o = offset.Duration();
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return sign + D2(o.Hours) + D2(o.Minutes);
    }
}
