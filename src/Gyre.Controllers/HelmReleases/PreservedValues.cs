using Gyre.Helm.Charts;
using Gyre.Helm.Storage;
using Gyre.Helm.Values;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// spec.upgrade.preserveValues as Helm's `upgrade --reuse-values` (what Flux passes to Helm): the last release's
/// values under the HelmRelease's, and the last release's chart defaults in place of the new chart's.
/// </summary>
internal static class PreservedValues
{
    /// <summary>The request an upgrade over <paramref name="latest"/> renders, and the digest of its values.</summary>
    public static (ReleaseRequest Request, string ConfigDigest) Apply(ReleaseRequest request, Release? latest, string configDigest)
    {
        if (!request.Spec.Upgrade.PreserveValues || latest is null || latest.Info.Status == ReleaseStatus.Uninstalled)
        {
            return (request, configDigest);
        }

        var values = ValuesCoalescer.CoalesceTables(request.Values, latest.Config);
        var chart = request.Chart;
        var reused = new Chart
        {
            Metadata = chart.Metadata,
            Templates = chart.Templates,
            Files = chart.Files,
            Values = (System.Text.Json.Nodes.JsonObject)latest.Chart.Values.DeepClone(),
            Schema = chart.Schema,
            Lock = chart.Lock,
            Dependencies = chart.Dependencies,
        };
        return (request with { Chart = reused, Values = values }, ValuesComposer.Digest(values));
    }
}
