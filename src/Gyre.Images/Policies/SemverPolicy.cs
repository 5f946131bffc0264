using Gyre.Sources.Semver;
using NuGet.Versioning;

namespace Gyre.Images.Policies;

/// <summary>
/// policy.semver: the highest tag satisfying a Masterminds range. As Flux's ParseVersion, a tag is a version only when
/// it is strict semver after an optional leading 'v' (three numbers, no leading zeros); other tags are skipped.
/// </summary>
internal sealed class SemverPolicy(SemverConstraint range) : ITagPolicy
{
    public string Describe() => $"semver range '{range.Text}'";

    public string? Latest(IReadOnlyCollection<string> tags)
    {
        string? best = null;
        SemanticVersion? bestVersion = null;
        foreach (var tag in tags)
        {
            if (!IsStrict(tag) || !SemverConstraint.TryParseVersion(tag, out var version) || !range.IsSatisfiedBy(version))
            {
                continue;
            }

            // Equal precedence (1.0.0 and v1.0.0): the ordinally larger tag wins, so the choice does not depend on tag order.
            var order = bestVersion is null ? 1 : version.CompareTo(bestVersion);
            if (order > 0 || (order == 0 && string.CompareOrdinal(tag, best) > 0))
            {
                (best, bestVersion) = (tag, version);
            }
        }

        return best;
    }

    /// <summary>semver.StrictNewVersion on the tag without its 'v': MAJOR.MINOR.PATCH, no leading zeros.</summary>
    internal static bool IsStrict(string tag)
    {
        var t = tag.StartsWith('v') ? tag[1..] : tag;
        var cut = t.IndexOfAny(['-', '+']);
        var parts = (cut < 0 ? t : t[..cut]).Split('.');
        return parts.Length == 3 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0'));
    }
}
