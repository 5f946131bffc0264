using System.Globalization;

namespace Gyre.Sops.Tree;

/// <summary>
/// An unquoted YAML timestamp. go-yaml v3 decodes it to a time.Time, which prints back as RFC 3339 (`2024-01-02`
/// becomes `2024-01-02T00:00:00Z`, unquoted); Gyre keeps that text and encrypts it as a string.
/// </summary>
public sealed record SopsTimestamp(string Value)
{
    private static readonly string[] Formats =
    [
        "yyyy-M-d'T'H:m:s.FFFFFFFK", "yyyy-M-d't'H:m:s.FFFFFFFK", "yyyy-M-d H:m:s.FFFFFFF", "yyyy-M-d",
    ];

    /// <summary>Parses a YAML timestamp as go-yaml does and renders it as Go's time.RFC3339Nano.</summary>
    public static SopsTimestamp? TryParse(string text)
    {
        if (!DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return null;
        }

        var utc = parsed.Offset == TimeSpan.Zero;
        var fraction = parsed.ToString("FFFFFFF", CultureInfo.InvariantCulture);
        var rendered = parsed.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            + (fraction.Length > 0 ? "." + fraction : string.Empty)
            + (utc ? "Z" : parsed.ToString("zzz", CultureInfo.InvariantCulture));
        return new SopsTimestamp(rendered);
    }

    public override string ToString() => Value;
}
