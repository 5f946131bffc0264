using System.Globalization;
using Gyre.Cel.Values;

namespace Gyre.Cel.Runtime;

/// <summary>
/// Timestamp and duration accessors (cel-spec "Timestamp and Duration functions"): timestamps in UTC or an optional
/// time zone (IANA name or <c>±HH:MM</c>); month, day-of-month, day-of-week and day-of-year are 0-based as the spec
/// says, <c>getDate</c> is 1-based. Duration accessors return the total in that unit.
/// </summary>
internal static class TimeFunctions
{
    public static object Timestamp(string function, DateTimeOffset t, object[] args)
    {
        var local = args switch
        {
            [] => t.UtcDateTime,
            [string zone] => InZone(t, zone),
            _ => throw CelErrorException.NoOverload(function, [t, .. args]),
        };
        return function switch
        {
            "getFullYear" => (long)local.Year,
            "getMonth" => (long)local.Month - 1,
            "getDate" => (long)local.Day,
            "getDayOfMonth" => (long)local.Day - 1,
            "getDayOfWeek" => (long)local.DayOfWeek,
            "getDayOfYear" => (long)local.DayOfYear - 1,
            "getHours" => (long)local.Hour,
            "getMinutes" => (long)local.Minute,
            "getSeconds" => (long)local.Second,
            "getMilliseconds" => (long)local.Millisecond,
            _ => throw CelErrorException.NoOverload(function, [t, .. args]),
        };
    }

    public static object Duration(string function, TimeSpan d, object[] args) => (function, args) switch
    {
        ("getHours", []) => (long)d.TotalHours,
        ("getMinutes", []) => (long)d.TotalMinutes,
        ("getSeconds", []) => d.Ticks / TimeSpan.TicksPerSecond,
        ("getMilliseconds", []) => d.Ticks / TimeSpan.TicksPerMillisecond,
        _ => throw CelErrorException.NoOverload(function, [d, .. args]),
    };

    private static DateTime InZone(DateTimeOffset t, string zone)
    {
        if (zone.Length > 0 && zone[0] is '+' or '-' || (zone.Length > 0 && char.IsAsciiDigit(zone[0])))
        {
            var text = zone.TrimStart('+', '-');
            if (!TimeSpan.TryParseExact(text, ["hh\\:mm", "h\\:mm"], CultureInfo.InvariantCulture, out var offset))
            {
                throw new CelErrorException($"invalid time zone offset '{zone}': use ±HH:MM");
            }

            return t.ToOffset(zone[0] == '-' ? -offset : offset).DateTime;
        }

        try
        {
            return TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new CelErrorException($"unknown time zone '{zone}'");
        }
    }
}
