using System.Globalization;
using Gyre.Templates.Execution;
using Gyre.Templates.Functions;
using static Gyre.Templates.Sprig.SprigFunctions;

namespace Gyre.Templates.Sprig;

/// <summary>Sprig's date.go on the options' clock and local zone (Go's time.Now and time.Local).</summary>
internal static class DateFunctions
{
    private const ArgType Str = ArgType.String;
    private const ArgType Any = ArgType.Any;

    public static void Register(Dictionary<string, TemplateFunction> m, TemplateOptions o)
    {
        GoTime Now() => new(o.Time.GetUtcNow(), o.LocalZone);
        m["now"] = F(_ => Now());
        m["date"] = F(a => InZone(S(a[0]), a[1], "Local", o, Now), Str, Any);
        m["dateInZone"] = m["date_in_zone"] = F(a => InZone(S(a[0]), a[1], S(a[2]), o, Now), Str, Any, Str);
        m["htmlDate"] = F(a => InZone("2006-01-02", a[0], "Local", o, Now), Any);
        m["htmlDateInZone"] = F(a => InZone("2006-01-02", a[0], S(a[1]), o, Now), Any, Str);
        m["dateModify"] = m["date_modify"] = F(a => Modify(S(a[0]), (GoTime)a[1]!, must: false), Str, ArgType.Time);
        m["mustDateModify"] = m["must_date_modify"] = F(a => Modify(S(a[0]), (GoTime)a[1]!, must: true), Str, ArgType.Time);
        m["ago"] = F(a => GoDuration.Format(RoundSeconds(o.Time.GetUtcNow() - ToTime(a[0], Now).Instant)), Any);
        m["duration"] = F(a => GoDuration.Format(TimeSpan.FromSeconds(a[0] switch
        {
            string s => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0,
            GoInt64 g => g.Value,
            _ => 0,
        })), Any);
        m["durationRound"] = F(a => DurationRound(a[0], o), Any);
        m["toDate"] = F(a => GoTimeParse.Parse(S(a[0]), S(a[1]), o.LocalZone) ?? GoTimeParse.Zero, Str, Str);
        m["mustToDate"] = F(a => GoTimeParse.Parse(S(a[0]), S(a[1]), o.LocalZone) ??
            throw new TemplateFunctionException("parsing time " + Formatting.GoQuote.Quote(S(a[1])) + " as " + Formatting.GoQuote.Quote(S(a[0])) + ": cannot parse"), Str, Str);
        m["unixEpoch"] = F(a => ((GoTime)a[0]!).Instant.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ArgType.Time);
    }

    private static GoTime ToTime(object? date, Func<GoTime> now) => date switch
    {
        GoTime t => t,
        GoInt64 g => new GoTime(DateTimeOffset.FromUnixTimeSeconds(g.Value), now().Zone),
        long l => new GoTime(DateTimeOffset.FromUnixTimeSeconds(l), now().Zone),
        int i => new GoTime(DateTimeOffset.FromUnixTimeSeconds(i), now().Zone),
        _ => now(),
    };

    private static string InZone(string fmt, object? date, string zone, TemplateOptions o, Func<GoTime> now)
    {
        var t = ToTime(date, now);
        TimeZoneInfo loc;
        if (zone == "Local")
        {
            loc = o.LocalZone;
        }
        else if (zone is "UTC" or "")
        {
            loc = TimeZoneInfo.Utc;
        }
        else
        {
            try
            {
                loc = TimeZoneInfo.FindSystemTimeZoneById(zone);
            }
            catch (TimeZoneNotFoundException)
            {
                loc = TimeZoneInfo.Utc;
            }
        }
        return GoTimeLayout.Format(new GoTime(t.Instant, loc), fmt);
    }

    private static GoTime Modify(string fmt, GoTime date, bool must)
    {
        var d = GoDuration.Parse(fmt);
        if (d == null)
        {
            return must ? throw new TemplateFunctionException("time: invalid duration " + Formatting.GoQuote.Quote(fmt)) : date;
        }
        return new GoTime(date.Instant + d.Value, date.Zone);
    }

    private static TimeSpan RoundSeconds(TimeSpan d) => TimeSpan.FromSeconds(Math.Round(d.TotalSeconds, MidpointRounding.AwayFromZero));

    private static string DurationRound(object? v, TemplateOptions o)
    {
        var d = v switch
        {
            string s => GoDuration.Parse(s) ?? TimeSpan.Zero,
            GoInt64 g => TimeSpan.FromTicks(g.Value / 100),
            GoTime t => o.Time.GetUtcNow() - t.Instant,
            _ => TimeSpan.Zero,
        };
        var u = (ulong)Math.Abs(d.Ticks) * 100;
        const ulong Second = 1_000_000_000UL, Minute = 60 * Second, Hour = 60 * Minute, Day = 24 * Hour, Month = 30 * Day, Year = 365 * Day;
        return u switch
        {
            > Year => (u / Year).ToString(CultureInfo.InvariantCulture) + "y",
            > Month => (u / Month).ToString(CultureInfo.InvariantCulture) + "mo",
            > Day => (u / Day).ToString(CultureInfo.InvariantCulture) + "d",
            > Hour => (u / Hour).ToString(CultureInfo.InvariantCulture) + "h",
            > Minute => (u / Minute).ToString(CultureInfo.InvariantCulture) + "m",
            > Second => (u / Second).ToString(CultureInfo.InvariantCulture) + "s",
            _ => "0s",
        };
    }
}
