using System.Text.RegularExpressions;
using Gyre.Cli.Flux;

namespace Gyre.Cli.Commands;

/// <summary>Checks of the image automation flags: an image name without tag or digest, and regular expressions that compile.</summary>
internal static class ImageName
{
    public static void Validate(string image, string flag)
    {
        var lastSegment = image[(image.LastIndexOf('/') + 1)..];
        if (image.Length == 0 || image.Contains("://", StringComparison.Ordinal) || image.Any(char.IsWhiteSpace) || image.Contains('@', StringComparison.Ordinal)
            || lastSegment.Contains(':', StringComparison.Ordinal) || image.EndsWith('/'))
        {
            throw new CommandException($"{flag} '{image}': expected an image name without scheme, tag or digest, e.g. ghcr.io/stefanprodan/podinfo", ExitCodes.Usage);
        }
    }

    public static Regex ValidateRegex(string pattern, string flag)
    {
        try
        {
            return new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            throw new CommandException($"{flag} '{pattern}': not a valid regular expression: {ex.Message}", ExitCodes.Usage);
        }
    }
}
