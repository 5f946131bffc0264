using System.Text.Json.Nodes;
using Gyre.Api.Helm;
using Gyre.Api.Meta;
using Gyre.Api.Source;
using Gyre.Controllers.Common;
using Gyre.Controllers.HelmCharts;
using Gyre.Controllers.Kustomizations;
using Gyre.Kube;
using Gyre.Manifests;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// Where a HelmRelease's chart comes from, as helm-controller decides: spec.chart creates (and keeps in step) the
/// HelmChart <c>&lt;hrNamespace&gt;-&lt;hrName&gt;</c> in the source's namespace and waits for its artifact;
/// spec.chartRef reads the artifact of an existing HelmChart or OCIRepository.
/// </summary>
internal sealed class ChartSourceResolver(KubeClient client)
{
    public const string FieldManager = "helm-controller";

    public static string HelmChartName(KubeObject release) => release.Namespace + "-" + release.Name;

    public async Task<ChartSource> ResolveAsync(KubeObject release, HelmReleaseSpec spec, CancellationToken cancellationToken)
    {
        var previous = (string?)release.Json["status"]?["helmChart"];
        if (spec.Chart is { } template)
        {
            var name = HelmChartName(release);
            var current = template.SourceNamespace + "/" + name;
            if (!string.IsNullOrEmpty(previous) && previous != current)
            {
                await DeleteHelmChartAsync(previous, cancellationToken).ConfigureAwait(false); // the source namespace changed
            }

            var chart = await EnsureHelmChartAsync(release, template, spec, name, cancellationToken).ConfigureAwait(false);
            return new ChartSource(ReadyArtifact(chart, $"HelmChart '{current}'"), current, null);
        }

        if (!string.IsNullOrEmpty(previous))
        {
            // Switched from spec.chart to spec.chartRef: the generated HelmChart goes, and status.helmChart with it.
            await DeleteHelmChartAsync(previous, cancellationToken).ConfigureAwait(false);
        }

        var reference = spec.ChartRef!;
        var source = await ObjectReader.GetAsync(client, reference.ApiVersion, reference.Kind, reference.Namespace, reference.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new ReconcileStepException(Reasons.ArtifactFailed, $"{reference.Kind} '{reference.Namespace}/{reference.Name}' not found");
        var artifact = ReadyArtifact(source, $"{reference.Kind} '{reference.Namespace}/{reference.Name}'");
        var digest = reference.Kind == "OCIRepository" && artifact.Revision.Contains("sha256:", StringComparison.Ordinal)
            ? artifact.Revision[(artifact.Revision.IndexOf("sha256:", StringComparison.Ordinal) + 7)..]
            : null;
        return new ChartSource(artifact, null, digest);
    }

    /// <summary>status.lastAttemptedRevisionDigest: the OCI artifact digest of a chartRef OCIRepository chart, else absent (as Flux).</summary>
    public static void SetRevisionDigest(JsonObject status, ChartSource source)
    {
        if (source.OciDigest is { } digest)
        {
            status["lastAttemptedRevisionDigest"] = "sha256:" + digest;
        }
        else
        {
            status.Remove("lastAttemptedRevisionDigest");
        }
    }

    /// <summary>Deletes the generated HelmChart (on HelmRelease deletion).</summary>
    public Task DeleteHelmChartAsync(KubeObject release, string sourceNamespace, CancellationToken cancellationToken) =>
        DeleteHelmChartAsync(sourceNamespace + "/" + HelmChartName(release), cancellationToken);

    /// <summary>Deletes a HelmChart named <c>namespace/name</c> (status.helmChart); an absent one is fine.</summary>
    private async Task DeleteHelmChartAsync(string namespacedName, CancellationToken cancellationToken)
    {
        var slash = namespacedName.IndexOf('/', StringComparison.Ordinal);
        var charts = await client.ForKindAsync(HelmChartReconciler.ApiVersion, HelmChartSpec.Kind, cancellationToken).ConfigureAwait(false);
        try
        {
            await charts.DeleteAsync(namespacedName[..Math.Max(slash, 0)], namespacedName[(slash + 1)..], null, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
        }
    }

    private async Task<KubeObject> EnsureHelmChartAsync(KubeObject release, HelmChartTemplate template, HelmReleaseSpec spec, string name, CancellationToken cancellationToken)
    {
        var chartSpec = new JsonObject
        {
            ["chart"] = template.Chart,
            ["version"] = template.Version,
            ["sourceRef"] = new JsonObject { ["kind"] = template.SourceKind, ["name"] = template.SourceName },
            ["interval"] = GoDuration.Format(template.Interval ?? spec.Interval),
        };
        if (template.ReconcileStrategy is { } strategy)
        {
            chartSpec["reconcileStrategy"] = strategy;
        }

        if (template.ValuesFiles.Count > 0)
        {
            chartSpec["valuesFiles"] = new JsonArray([.. template.ValuesFiles.Select(v => (JsonNode)v)]);
            chartSpec["ignoreMissingValuesFiles"] = template.IgnoreMissingValuesFiles;
        }

        // Owner labels as helm-controller's server-side apply sets them.
        var labels = Map(template.Labels);
        labels["helm.toolkit.fluxcd.io/name"] = release.Name;
        labels["helm.toolkit.fluxcd.io/namespace"] = release.Namespace;
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = template.SourceNamespace, ["labels"] = labels };

        if (template.Annotations.Count > 0)
        {
            metadata["annotations"] = Map(template.Annotations);
        }

        var desired = new JsonObject
        {
            ["apiVersion"] = HelmChartReconciler.ApiVersion,
            ["kind"] = HelmChartSpec.Kind,
            ["metadata"] = metadata,
            ["spec"] = chartSpec,
        };
        var charts = await client.ForKindAsync(HelmChartReconciler.ApiVersion, HelmChartSpec.Kind, cancellationToken).ConfigureAwait(false);
        return new KubeObject(await charts.ApplyAsync(desired, new Gyre.Kube.Dynamic.WriteOptions { FieldManager = FieldManager, Force = true }, cancellationToken)
            .ConfigureAwait(false));
    }

    /// <summary>The source's artifact once it is Ready for its current generation; otherwise the wait is not an error.</summary>
    private static ArtifactStatus ReadyArtifact(KubeObject source, string what)
    {
        var status = source.Json["status"];
        var observed = status?["observedGeneration"] is JsonValue g && g.TryGetValue<long>(out var n) ? n : -1;
        var ready = ConditionSet.Read(status).Get(ConditionTypes.Ready);
        var artifact = ArtifactStatus.FromJson(status?["artifact"]);
        if (artifact is null || observed != source.Generation || ready?.IsTrue != true)
        {
            var why = ready is { IsTrue: false } ? $": {ready.Reason}: {ready.Message}" : string.Empty;
            throw new ReconcileStepException(Reasons.ArtifactFailed, $"{what} is not ready{why}");
        }

        return artifact;
    }

    private static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values)
        {
            map[key] = value;
        }

        return map;
    }
}
