using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace Gyre.Sources.Semver;

/// <summary>Picks the highest tag satisfying a semver range, as Flux does for GitRepository and OCIRepository refs.</summary>
public static class SemverTags
{
    /// <summary>
    /// The highest tag whose version satisfies <paramref name="constraint"/>, after an optional regex pre-filter
    /// (OCIRepository ref.semverFilter); tags that are not versions are skipped. Null when none matches.
    /// </summary>
    public static string? Highest(IEnumerable<string> tags, SemverConstraint constraint, string? filter = null)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(constraint);
        var regex = string.IsNullOrEmpty(filter) ? null : new Regex(filter, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        string? best = null;
        SemanticVersion? bestVersion = null;
        foreach (var tag in tags)
        {
            if (regex?.IsMatch(tag) == false || !SemverConstraint.TryParseVersion(tag, out var version) || !constraint.IsSatisfiedBy(version))
            {
                continue;
            }

            // Equal precedence (1.0.0 vs v1.0.0): keep the ordinally larger tag so the choice is stable.
            var order = bestVersion is null ? 1 : version.CompareTo(bestVersion);
            if (order > 0 || (order == 0 && string.CompareOrdinal(tag, best) > 0))
            {
                best = tag;
                bestVersion = version;
            }
        }

        return best;
    }
}
