using Gyre.Templates.Sprig;

namespace Gyre.Templates.Helm;

/// <summary>Masterminds/semver checks Helm makes outside templates (chartutil.IsCompatibleRange).</summary>
public static class HelmSemver
{
    /// <summary>Whether <paramref name="version"/> satisfies <paramref name="constraint"/>; false when either does not parse.</summary>
    public static bool IsCompatibleRange(string constraint, string version)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        ArgumentNullException.ThrowIfNull(version);
        var v = SemverVersion.TryParse(version);
        if (v == null)
        {
            return false;
        }
        try
        {
            return SemverConstraint.Check(constraint, v);
        }
        catch (Functions.TemplateFunctionException)
        {
            return false;
        }
    }

    /// <summary>Whether the text is a semantic version Masterminds/semver accepts.</summary>
    public static bool IsVersion(string version) => SemverVersion.TryParse(version ?? "") != null;
}
