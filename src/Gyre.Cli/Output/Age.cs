using System.Globalization;

namespace Gyre.Cli.Output;

/// <summary>kubectl's short ages (45s, 3m12s, 5h, 2d) for LAST SEEN columns.</summary>
internal static class Age
{
    public static string Since(string? timestamp, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var then))
        {
            return "<unknown>";
        }

        var age = now - then;
        return age.TotalSeconds < 0 ? "0s"
            : age.TotalMinutes < 2 ? $"{(int)age.TotalSeconds}s"
            : age.TotalMinutes < 10 ? $"{(int)age.TotalMinutes}m{age.Seconds}s"
            : age.TotalHours < 3 ? $"{(int)age.TotalMinutes}m"
            : age.TotalDays < 2 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }
}
