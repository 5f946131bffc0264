using System.Globalization;
using Gyre.Templates.Execution;

namespace Gyre.Templates.Sprig;

/// <summary>time.ParseInLocation for the common layout elements, by translating the Go layout to a .NET pattern.</summary>
internal static class GoTimeParse
{
    /// <summary>Go's zero time.Time, shown in UTC.</summary>
    public static GoTime Zero { get; } = new(new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

    public static GoTime? Parse(string layout, string value, TimeZoneInfo local)
    {
        var (pattern, hasZone) = Translate(layout);
        if (hasZone)
        {
            if (DateTimeOffset.TryParseExact(value, pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withZone))
            {
                return new GoTime(withZone, withZone.Offset == TimeSpan.Zero ? TimeZoneInfo.Utc : TimeZoneInfo.CreateCustomTimeZone("offset", withZone.Offset, "", ""));
            }
            return null;
        }
        if (!DateTime.TryParseExact(value, pattern, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
        {
            return null;
        }
        var offset = local.GetUtcOffset(dt);
        return new GoTime(new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Unspecified), offset), local);
    }

    private static (string Pattern, bool HasZone) Translate(string layout)
    {
        (string Go, string Net, bool Zone)[] map =
        [
            ("2006", "yyyy", false), ("January", "MMMM", false), ("Jan", "MMM", false), ("Monday", "dddd", false), ("Mon", "ddd", false),
            ("-07:00", "zzz", true), ("Z07:00", "K", true), ("-0700", "zzz", true), ("MST", "", false),
            ("01", "MM", false), ("02", "dd", false), ("_2", "%d", false), ("06", "yy", false), ("15", "HH", false), ("03", "hh", false),
            ("04", "mm", false), ("05", "ss", false), ("PM", "tt", false), ("1", "%M", false), ("2", "%d", false), ("3", "%h", false),
            ("4", "%m", false), ("5", "%s", false),
        ];
        var sb = new System.Text.StringBuilder();
        var zone = false;
        var i = 0;
        while (i < layout.Length)
        {
            var matched = false;
            foreach (var (go, net, z) in map)
            {
                if (string.CompareOrdinal(layout, i, go, 0, go.Length) == 0)
                {
                    sb.Append(net.StartsWith('%') && layout.Length > 1 ? net[1..] : net);
                    zone |= z;
                    i += go.Length;
                    matched = true;
                    break;
                }
            }
            if (!matched)
            {
                var c = layout[i++];
                sb.Append(char.IsLetter(c) || c is '\'' or '"' or '\\' or '%' or ':' or '/' ? "\\" + c : c.ToString());
            }
        }
        return (sb.ToString(), zone);
    }
}
