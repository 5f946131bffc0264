using System.Text.RegularExpressions;

namespace Gyre.Sources;

/// <summary>
/// Removes credentials from URLs before they reach a message, log, event or status, as Flux's
/// <c>fluxcd/pkg/masktoken</c> and go-git's URL redaction do: the user-info part becomes <c>***</c>.
/// </summary>
public static partial class UrlRedactor
{
    /// <summary>Redacts the user-info of one URL; text that is not a URL is returned unchanged.</summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return RedactText(url);
    }

    /// <summary>Redacts every <c>scheme://user:pass@</c> occurrence inside free text (e.g. git's stderr).</summary>
    public static string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // An ssh user name (git@) is not a secret; every other user-info (tokens as user names included) is.
        return UserInfo().Replace(text, m =>
            m.Groups[1].Value.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase) && !m.Groups[2].Value.Contains(':', StringComparison.Ordinal)
                ? m.Value
                : m.Groups[1].Value + "***@");
    }

    [GeneratedRegex(@"([a-zA-Z][a-zA-Z0-9+.\-]*://)([^/@\s]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();
}
