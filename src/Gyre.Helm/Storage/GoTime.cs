using System.Globalization;

namespace Gyre.Helm.Storage;

/// <summary>
/// Timestamps as Helm's pkg/time writes them: RFC 3339 with nanoseconds and trailing zeros trimmed (Go's
/// time.RFC3339Nano), and the zero time written as an empty string.
/// </summary>
internal static class GoTime
{
    public static string Format(DateTimeOffset? value)
    {
        if (value is not { } t)
        {
            return string.Empty;
        }

        var utc = t.ToUniversalTime();
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var ticks = utc.Ticks % TimeSpan.TicksPerSecond;
        if (ticks != 0)
        {
            text += "." + ticks.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        }

        return text + "Z";
    }

    /// <summary>Reads RFC 3339 with up to nine fractional digits (.NET keeps seven); "" and Go's zero time are null.</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.StartsWith("0001-01-01T00:00:00", StringComparison.Ordinal))
        {
            return null;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
            {
                end++;
            }

            if (end - dot - 1 > 7)
            {
                text = text[..(dot + 8)] + text[end..];
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            ? parsed
            : throw new FormatException($"'{text}' is not an RFC 3339 time");
    }
}
