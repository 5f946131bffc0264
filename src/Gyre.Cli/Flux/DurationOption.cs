using System.CommandLine;
using Gyre.Api.Meta;

namespace Gyre.Cli.Flux;

/// <summary>Duration flags in Go's form (90s, 5m, 1h30m), as flux's --timeout and --interval.</summary>
internal static class DurationOption
{
    public static Option<TimeSpan> Create(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description + " (Go duration: 90s, 5m, 1h)",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (GoDuration.TryParse(text, out var value))
            {
                return value;
            }

            result.AddError($"{name} '{text}' is not a duration; use Go's form, e.g. 90s, 5m, 1h30m");
            return default;
        },
    };

    /// <summary>Go's time.Duration.String form for manifests: 1m0s, 5m0s, 1h0m0s.</summary>
    public static string Format(TimeSpan value)
    {
        var text = string.Empty;
        if (value.TotalHours >= 1)
        {
            text += (int)value.TotalHours + "h";
        }

        if (value.TotalMinutes >= 1)
        {
            text += value.Minutes + "m";
        }

        return text + value.Seconds + "s";
    }
}
