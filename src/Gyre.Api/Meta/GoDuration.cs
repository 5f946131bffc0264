using System.Globalization;
using System.Text.RegularExpressions;

namespace Gyre.Api.Meta;

/// <summary>Go duration strings as Flux's CRDs accept them: ^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$, e.g. "1m30s".</summary>
public static partial class GoDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !Whole().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in Part().Matches(text))
        {
            var number = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            value += part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                _ => TimeSpan.FromHours(number),
            };
        }

        return true;
    }

    /// <summary>Formats like Go's time.Duration.String for whole seconds and above ("5m0s", "1h0m0s", "30s").</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.FromSeconds(1))
        {
            return ((long)value.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var hours = (long)value.TotalHours;
        var text = hours > 0 ? $"{hours}h{value.Minutes}m" : value.Minutes > 0 ? $"{value.Minutes}m" : string.Empty;
        var seconds = value.Seconds + (value.Milliseconds / 1000.0);
        return text + seconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
    }

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
