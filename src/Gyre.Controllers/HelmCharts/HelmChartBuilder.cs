using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Api.Source;
using Gyre.Controllers.Common;
using Gyre.Controllers.Kustomizations;
using Gyre.Kube;
using Gyre.Manifests;
using Gyre.Sources.Artifacts;

namespace Gyre.Controllers.HelmCharts;

/// <summary>
/// Builds a HelmChart's chart (source-controller internal/helm/chart builders): pulled from a HelmRepository, or
/// packaged from a GitRepository/Bucket artifact path; valuesFiles merged into values.yaml (replacing the chart's
/// own); build metadata added to the version as Flux does (<c>+&lt;generation&gt;</c> for valuesFiles,
/// <c>+&lt;12 hex of the source revision&gt;</c> for the Revision strategy).
/// </summary>
internal sealed class HelmChartBuilder(KubeClient client, HttpClient http, ArtifactStore store, string workDirectory)
{
    private readonly RepositoryChartFetcher _fetcher = new(http);

    public async Task<BuiltChart> BuildAsync(KubeObject obj, HelmChartSpec spec, CancellationToken cancellationToken)
    {
        var source = await ObjectReader.GetAsync(client, "source.toolkit.fluxcd.io/v1", spec.SourceKind, obj.Namespace, spec.SourceName, cancellationToken).ConfigureAwait(false)
            ?? throw new ReconcileStepException(Reasons.ArtifactFailed, $"{spec.SourceKind} '{obj.Namespace}/{spec.SourceName}' not found");
        return spec.SourceKind == "HelmRepository"
            ? await FromRepositoryAsync(obj, spec, source, cancellationToken).ConfigureAwait(false)
            : await FromArtifactAsync(obj, spec, source, cancellationToken).ConfigureAwait(false);
    }

    private async Task<BuiltChart> FromRepositoryAsync(KubeObject obj, HelmChartSpec spec, KubeObject source, CancellationToken cancellationToken)
    {
        var repository = await HelmChartRepository.ReadAsync(client, source, cancellationToken).ConfigureAwait(false);
        var resolved = await _fetcher.ResolveAsync(repository, spec.Chart, spec.Version, cancellationToken).ConfigureAwait(false);
        var sourceRevision = repository.Artifact?.Revision;
        var version = spec.ValuesFiles.Count > 0 ? WithMetadata(resolved.Version, obj.Generation.ToString(CultureInfo.InvariantCulture)) : resolved.Version;
        if (CachedChart.IsUpToDate(obj, spec, version, sourceRevision, store))
        {
            return new BuiltChart(null, null, spec.Chart, version, Packaged: spec.ValuesFiles.Count > 0, sourceRevision, Cached: true);
        }

        var package = await RepositoryChartFetcher.DownloadAsync(repository, resolved, cancellationToken).ConfigureAwait(false);
        var location = $"chart '{spec.Chart}' version '{resolved.Version}'";
        using var stream = new MemoryStream(package);
        var archive = await ReadAsync(() => ChartArchive.ReadPackageAsync(stream, location, cancellationToken)).ConfigureAwait(false);
        if (spec.ValuesFiles.Count == 0)
        {
            return new BuiltChart(null, package, archive.Name, resolved.Version, Packaged: false, sourceRevision);
        }

        // Values files of a repository chart are paths inside the chart.
        var values = MergeValuesFiles(spec, path => archive.Files.ContainsKey(path) ? archive.ReadYamlFile(path, location) : null);
        archive.SetValues(values);
        archive.SetVersion(version);
        return new BuiltChart(archive, null, archive.Name, archive.Version, Packaged: true, sourceRevision);
    }

    private async Task<BuiltChart> FromArtifactAsync(KubeObject obj, HelmChartSpec spec, KubeObject source, CancellationToken cancellationToken)
    {
        var artifact = ArtifactStatus.FromJson(source.Json["status"]?["artifact"])
            ?? throw new ReconcileStepException(Reasons.ArtifactFailed, $"{spec.SourceKind} '{obj.Namespace}/{spec.SourceName}' has no artifact yet");
        var work = Path.Combine(workDirectory, "helmchart-" + Guid.NewGuid().ToString("N"));
        try
        {
            await new Kustomizations.ArtifactFetcher(http, ExtractionLimits.Default).FetchAsync(artifact, work, cancellationToken).ConfigureAwait(false);
            var root = Path.GetFullPath(work);
            var chartDir = Path.GetFullPath(Path.Combine(root, spec.Chart.TrimStart('/')));
            if (!chartDir.StartsWith(root, StringComparison.Ordinal))
            {
                throw new Gyre.Runtime.Reconcile.TerminalReconcileException(ChartReasons.InvalidChartReference, $"spec.chart '{spec.Chart}' points outside the source artifact");
            }

            var location = $"{spec.SourceKind} '{obj.Namespace}/{spec.SourceName}' path '{spec.Chart}'";
            var archive = await ReadAsync(() => Task.FromResult(ChartArchive.ReadDirectory(chartDir, location))).ConfigureAwait(false);
            var metadata = spec.ReconcileStrategy == HelmChartSpec.ReconcileRevision ? ShortDigest(artifact.Revision) : null;
            if (spec.ValuesFiles.Count > 0)
            {
                // Values files of a Git or Bucket chart are paths in the source artifact.
                var values = MergeValuesFiles(spec, path =>
                {
                    var file = Path.GetFullPath(Path.Combine(root, path.TrimStart('/')));
                    return file.StartsWith(root, StringComparison.Ordinal) && File.Exists(file)
                        ? Parse(File.ReadAllText(file), path, location)
                        : null;
                });
                archive.SetValues(values);
                metadata = (metadata is null ? string.Empty : metadata + ".") + obj.Generation.ToString(CultureInfo.InvariantCulture);
            }

            if (metadata is not null)
            {
                archive.SetVersion(WithMetadata(archive.Version, metadata));
            }

            if (CachedChart.IsSameChart(obj, spec, archive.Name, archive.Version, store))
            {
                return new BuiltChart(null, null, archive.Name, archive.Version, Packaged: true, artifact.Revision, Cached: true);
            }

            return new BuiltChart(archive, null, archive.Name, archive.Version, Packaged: true, artifact.Revision);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static JsonObject MergeValuesFiles(HelmChartSpec spec, Func<string, JsonObject?> read)
    {
        var merged = new JsonObject();
        foreach (var path in spec.ValuesFiles)
        {
            var values = read(path);
            if (values is null)
            {
                if (spec.IgnoreMissingValuesFiles)
                {
                    continue;
                }

                throw new ReconcileStepException(ChartReasons.ChartPackageError,
                    $"values file '{path}' not found; fix spec.valuesFiles or set spec.ignoreMissingValuesFiles");
            }

            merged = ValuesMerge.Merge(merged, values);
        }

        return merged;
    }

    private static JsonObject Parse(string yaml, string path, string location)
    {
        try
        {
            return Manifests.Yaml.YamlReader.ReadSingle(yaml, path) as JsonObject ?? [];
        }
        catch (ManifestException ex)
        {
            throw new ReconcileStepException(ChartReasons.ChartPackageError, $"{location}: values file '{path}': {ex.Message}", ex);
        }
    }

    private static async Task<ChartArchive> ReadAsync(Func<Task<ChartArchive>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (ChartException ex)
        {
            throw new ReconcileStepException(ChartReasons.ChartPackageError, ex.Message, ex);
        }
    }

    /// <summary>Replaces the version's build metadata (Masterminds SetMetadata).</summary>
    internal static string WithMetadata(string version, string metadata)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return (plus < 0 ? version : version[..plus]) + "+" + metadata;
    }

    /// <summary>The first 12 hex characters of a source revision's digest (main@sha1:abc… → abc…[0:12]).</summary>
    internal static string ShortDigest(string revision)
    {
        var colon = revision.LastIndexOf(':');
        var hex = colon < 0 ? revision : revision[(colon + 1)..];
        return hex.Length > 12 ? hex[..12] : hex;
    }
}
