using Gyre.Kube.Informers;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.HelmReleases;

/// <summary>A HelmChart or OCIRepository stored a new revision: queue the HelmReleases deploying it (status.helmChart, or chartRef).</summary>
internal static class HelmReleaseTriggers
{
    public static void OnChartUpdate(ObjectCache releases, KubeObject chart, Action<ReconcileRequest> enqueue)
    {
        var name = chart.Namespace + "/" + chart.Name;
        foreach (var release in releases.Values.Select(o => new KubeObject(o)))
        {
            var chartRef = release.Json["spec"]?["chartRef"];
            // The generated HelmChart is <hrNamespace>-<hrName> (status.helmChart may not be written yet on the first run).
            var generated = chart.Kind == Api.Source.HelmChartSpec.Kind
                && ((string?)release.Json["status"]?["helmChart"] == name || ChartSourceResolver.HelmChartName(release) == chart.Name);
            var referenced = (string?)chartRef?["kind"] == chart.Kind && (string?)chartRef?["name"] == chart.Name
                && ((string?)chartRef?["namespace"] ?? release.Namespace) == chart.Namespace;
            if (generated || referenced)
            {
                enqueue(new ReconcileRequest(release.Namespace ?? string.Empty, release.Name));
            }
        }
    }
}
