using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Api.Source;
using Gyre.Controllers.GitRepositories;
using Gyre.Manifests;
using Gyre.Sources.Artifacts;

namespace Gyre.Controllers.HelmCharts;

/// <summary>
/// source-controller's cached-chart rule: when the generation was observed, the stored artifact is still on disk and
/// the chart name, resolved version, source (index) revision and values files are those it was built from, the chart
/// is neither downloaded nor packaged again, and no new revision or event is produced.
/// </summary>
internal static class CachedChart
{
    public static bool IsUpToDate(KubeObject obj, HelmChartSpec spec, string version, string? sourceRevision, ArtifactStore store) =>
        IsSameChart(obj, spec, spec.Chart, version, store) && (string?)obj.Json["status"]?["observedSourceArtifactRevision"] == sourceRevision;

    /// <summary>
    /// A chart from a GitRepository or Bucket: as source-controller's local chart builder, the stored package is kept
    /// while the chart's name and (build-metadata'd) version are those it was packaged with, whatever the source
    /// revision; so under reconcileStrategy ChartVersion only a new Chart.yaml version repackages, while under Revision
    /// every new source revision makes a new version.
    /// </summary>
    public static bool IsSameChart(KubeObject obj, HelmChartSpec spec, string name, string version, ArtifactStore store)
    {
        var status = obj.Json["status"];
        var observed = status?["observedGeneration"] is JsonValue g && g.TryGetValue<long>(out var n) ? n : -1;
        if (observed != obj.Generation || ArtifactStatus.FromJson(status?["artifact"]) is not { } current)
        {
            return false;
        }

        var valuesFiles = (status?["observedValuesFiles"] as JsonArray ?? []).Select(v => (string?)v).ToList();
        return current.Revision == version
            && (string?)status?["observedChartName"] == name
            && valuesFiles.SequenceEqual(spec.ValuesFiles)
            && store.Exists(GitRepositoryReconciler.ToArtifact(current));
    }
}
