using NuGet.Versioning;

namespace Gyre.Sources.Semver;

/// <summary>A version in a constraint, where trailing parts may be missing or wildcards (<c>x</c>, <c>X</c>, <c>*</c>).</summary>
internal sealed record PartialVersion(int? Major, int? Minor, int? Patch, string Release)
{
    public bool IsComplete => Minor is not null && Patch is not null;

    /// <summary>The smallest version the partial names (missing parts 0).</summary>
    public SemanticVersion Min => new(Major ?? 0, Minor ?? 0, Patch ?? 0, Release);

    /// <summary>The first version above every version the partial names.</summary>
    public SemanticVersion UpperExclusive => Major is null
        ? new SemanticVersion(int.MaxValue, 0, 0)
        : Minor is null
            ? new SemanticVersion(Major.Value + 1, 0, 0)
            : Patch is null ? new SemanticVersion(Major.Value, Minor.Value + 1, 0) : new SemanticVersion(Major.Value, Minor.Value, Patch.Value + 1);

    public static PartialVersion Parse(string text, string whole)
    {
        var t = text.Trim();
        if (t.StartsWith('v') || t.StartsWith('V'))
        {
            t = t[1..];
        }

        var plus = t.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            t = t[..plus];
        }

        var dash = t.IndexOf('-', StringComparison.Ordinal);
        var release = dash >= 0 ? t[(dash + 1)..] : "";
        var parts = (dash >= 0 ? t[..dash] : t).Split('.');
        if (parts.Length > 3 || t.Length == 0)
        {
            throw new FormatException($"semver constraint '{whole}': '{text}' is not a version");
        }

        var numbers = new int?[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] is "x" or "X" or "*")
            {
                break;
            }

            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                throw new FormatException($"semver constraint '{whole}': '{text}' is not a version");
            }

            numbers[i] = n;
        }

        return new PartialVersion(numbers[0], numbers[1], numbers[2], release);
    }
}
