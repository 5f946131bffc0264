using System.Text.RegularExpressions;
using Gyre.Helm.Charts;
using Gyre.Templates.Helm;

namespace Gyre.Helm.Rendering;

/// <summary>What Helm checks before rendering (action.Install): release name, installable chart, dependencies present, kubeVersion.</summary>
internal static partial class RenderChecks
{
    private const int MaxReleaseNameLength = 53;

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseName();

    public static void Run(Chart chart, ReleaseOptions release, string kubeVersion)
    {
        if (release.Name.Length == 0 || release.Name.Length > MaxReleaseNameLength || !ReleaseName().IsMatch(release.Name))
        {
            throw new HelmException("release name \"" + release.Name + "\": invalid release name, must match regex " + ReleaseName() +
                " and the length must not be longer than 53", chart.Name);
        }
        if (chart.Metadata.IsLibrary)
        {
            throw new HelmException(chart.Name + ": library charts are not installable; render a chart that depends on it", chart.Name);
        }
        var missing = chart.Metadata.Dependencies.Where(r => chart.Dependencies.All(d => d.Name != r.Name)).Select(r => r.Name).ToList();
        if (missing.Count > 0)
        {
            throw new HelmException(chart.Name + ": found in Chart.yaml, but missing in charts/ directory: " + string.Join(", ", missing) +
                "; add the dependency charts to charts/ (helm dependency build)", chart.Name);
        }
        if (chart.Metadata.KubeVersion.Length > 0 && !HelmSemver.IsCompatibleRange(chart.Metadata.KubeVersion, kubeVersion))
        {
            throw new HelmException(chart.Name + ": chart requires kubeVersion: " + chart.Metadata.KubeVersion +
                " which is incompatible with Kubernetes " + kubeVersion, chart.Name);
        }
    }
}
