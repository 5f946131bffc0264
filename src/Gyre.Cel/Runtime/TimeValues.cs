using System.Globalization;
using System.Text.RegularExpressions;
using Gyre.Cel.Values;

namespace Gyre.Cel.Runtime;

/// <summary>
/// Timestamps (RFC 3339, years 0001-9999 as cel-spec bounds them) and durations (Go's ParseDuration syntax, within
/// ±315,576,000,000 s). Precision is .NET's 100 ns tick: nanosecond digits beyond that are truncated.
/// </summary>
internal static partial class TimeValues
{
    private const long MaxDurationSeconds = 315_576_000_000;

    public static object CheckTimestamp(Func<DateTimeOffset> compute)
    {
        try
        {
            return compute().ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new CelErrorException("timestamp overflow");
        }
    }

    public static object CheckDuration(Func<TimeSpan> compute)
    {
        TimeSpan value;
        try
        {
            value = compute();
        }
        catch (OverflowException)
        {
            throw new CelErrorException("duration overflow");
        }

        return Math.Abs(value.TotalSeconds) > MaxDurationSeconds ? throw new CelErrorException("duration overflow") : value;
    }

    public static DateTimeOffset ParseTimestamp(string text)
    {
        var match = Rfc3339().Match(text);
        if (!match.Success)
        {
            throw new CelErrorException($"timestamp '{text}' is not RFC 3339 (e.g. 2024-01-02T15:04:05Z)");
        }

        int Part(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        try
        {
            var offset = TimeSpan.Zero;
            if (match.Groups[8].Value is { Length: 6 } zone)
            {
                offset = new TimeSpan(Part(9), Part(10), 0);
                offset = zone[0] == '-' ? -offset : offset;
            }

            var value = new DateTimeOffset(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6), offset);
            var fraction = match.Groups[7].Value;
            if (fraction.Length > 0)
            {
                var ticks = long.Parse(fraction[1..].PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
                value = value.AddTicks(ticks);
            }

            return value.ToUniversalTime();
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new CelErrorException($"timestamp '{text}' is out of range");
        }
    }

    public static string FormatTimestamp(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var ticks = utc.Ticks % TimeSpan.TicksPerSecond;
        if (ticks != 0)
        {
            text += "." + ticks.ToString("0000000", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        return text + "Z";
    }

    /// <summary>Parses Go's duration syntax (<c>1h30m</c>, <c>-1.5s</c>, <c>300ms</c>, units ns us µs ms s m h).</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var s = text.AsSpan();
        var negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return TimeSpan.Zero;
        }

        if (s.IsEmpty)
        {
            throw InvalidDuration(text);
        }

        decimal total = 0;
        while (!s.IsEmpty)
        {
            var n = 0;
            while (n < s.Length && (char.IsAsciiDigit(s[n]) || s[n] == '.'))
            {
                n++;
            }

            var u = n;
            while (u < s.Length && !char.IsAsciiDigit(s[u]) && s[u] != '.')
            {
                u++;
            }

            if (n == 0 || !decimal.TryParse(s[..n], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                throw InvalidDuration(text);
            }

            total += number * UnitTicks(s[n..u].ToString(), text);
            s = s[u..];
        }

        var seconds = total / TimeSpan.TicksPerSecond;
        if (seconds > MaxDurationSeconds)
        {
            throw new CelErrorException($"duration '{text}' is out of range");
        }

        var ticks = (long)decimal.Truncate(total);
        return TimeSpan.FromTicks(negative ? -ticks : ticks);
    }

    public static string FormatDuration(TimeSpan value)
    {
        var seconds = (decimal)value.Ticks / TimeSpan.TicksPerSecond;
        return seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
    }

    private static decimal UnitTicks(string unit, string text) => unit switch
    {
        "ns" => 0.01m,
        "us" or "µs" or "μs" => 10m,
        "ms" => TimeSpan.TicksPerMillisecond,
        "s" => TimeSpan.TicksPerSecond,
        "m" => TimeSpan.TicksPerMinute,
        "h" => TimeSpan.TicksPerHour,
        _ => throw InvalidDuration(text),
    };

    private static CelErrorException InvalidDuration(string text) =>
        new($"duration '{text}' is invalid: use Go duration syntax such as 1h30m, 10s or 250ms");

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
