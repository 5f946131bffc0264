using System.Globalization;
using System.Text.RegularExpressions;

namespace Gyre.Kustomize.Remote;

/// <summary>Go's time.ParseDuration for the positive durations a `?timeout=` query carries (e.g. "90s", "1m30s").</summary>
internal static partial class GoDurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        double ticks = 0;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = UnitPattern().Match(part.Value);
            var number = double.Parse(part.Value[..unit.Index], CultureInfo.InvariantCulture);
            ticks += number * unit.Value switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }

        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    [GeneratedRegex(@"^\+?(?<part>(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"(ns|us|µs|μs|ms|s|m|h)$")]
    private static partial Regex UnitPattern();
}
