using Gyre.Api.Helm;
using Gyre.Helm.Charts;
using Gyre.Helm.Storage;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// When the stored release cannot simply be upgraded: a chart whose name changed (upgrade.chartNameChangeStrategy
/// Reinstall: uninstall, then install) and a name kept by an uninstalled release's history (install.replace).
/// </summary>
internal static class ReleaseTransitions
{
    /// <summary>True when the deployed release came from a chart of another name and the strategy is Reinstall.</summary>
    public static bool MustReinstall(HelmReleaseSpec spec, Release? latest, Chart chart) =>
        latest is not null && latest.Info.Status != ReleaseStatus.Uninstalled && spec.Upgrade.ChartNameChangeStrategy == UpgradeOptions.Reinstall
        && !string.Equals(latest.Chart.Name, chart.Name, StringComparison.Ordinal);

    /// <summary>Helm's install name check: history left by an uninstall (or a failed release) may be reused only with install.replace.</summary>
    public static void CheckNameReusable(ReleaseRequest request, IReadOnlyList<Release> history)
    {
        var spec = request.Spec;
        if (ReleaseHistory.Latest(history) is { } latest && !(spec.Install.Replace && latest.Info.Status is ReleaseStatus.Uninstalled or ReleaseStatus.Failed))
        {
            throw new ActionFailedException("install",
                $"Helm install failed for release {spec.TargetNamespace}/{spec.ReleaseName} with chart {request.Chart}: cannot re-use a name that is still in use; set spec.install.replace to reuse it");
        }
    }
}
