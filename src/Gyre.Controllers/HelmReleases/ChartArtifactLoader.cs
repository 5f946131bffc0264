using System.Security.Cryptography;
using Gyre.Api.Meta;
using Gyre.Controllers.Kustomizations;
using Gyre.Helm;
using Gyre.Helm.Charts;
using Gyre.Sources;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// Downloads a chart artifact, checks its digest and loads it with Gyre.Helm (helm-controller's
/// loader.SecureLoadChartFromURL). A chart from an OCIRepository gets the first 12 hex characters of the artifact's
/// digest as build metadata on its version (helm-controller's mutateChartWithSourceRevision), so a re-pushed tag is
/// an upgrade; the tag must be the chart's version.
/// </summary>
internal sealed class ChartArtifactLoader(HttpClient http)
{
    public async Task<Chart> LoadAsync(ChartSource source, CancellationToken cancellationToken)
    {
        var chart = await LoadAsync(source.Artifact, cancellationToken).ConfigureAwait(false);
        if (source.OciDigest is not { } digest)
        {
            return chart;
        }

        var revision = source.Artifact.Revision;
        var at = revision.IndexOf('@', StringComparison.Ordinal);
        var version = chart.Metadata.Version;
        if (at >= 0 && revision[..at] != version)
        {
            throw new ReconcileStepException(Reasons.ArtifactFailed,
                $"artifact revision {revision[..at]} does not match chart version {version}; tag the OCI artifact with the chart's version");
        }

        var plus = version.IndexOf('+', StringComparison.Ordinal);
        var mutated = (plus < 0 ? version : version[..plus]) + "+" + digest[..Math.Min(12, digest.Length)];
        return new Chart
        {
            Metadata = chart.Metadata with { Version = mutated },
            Templates = chart.Templates,
            Files = chart.Files,
            Values = chart.Values,
            Schema = chart.Schema,
            Lock = chart.Lock,
            Dependencies = chart.Dependencies,
        };
    }

    public async Task<Chart> LoadAsync(ArtifactStatus artifact, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await http.GetByteArrayAsync(new Uri(artifact.Url), cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ReconcileStepException(Reasons.ArtifactFailed, $"failed to download chart artifact from {UrlRedactor.Redact(artifact.Url)}: {ex.Message}", ex);
        }

        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (artifact.Digest.Length > 0 && !string.Equals(actual, artifact.Digest, StringComparison.Ordinal))
        {
            throw new ReconcileStepException(Reasons.ArtifactFailed, $"failed to verify chart artifact {artifact.Revision}: computed digest {actual} does not match {artifact.Digest}");
        }

        try
        {
            using var stream = new MemoryStream(bytes);
            return ChartLoader.LoadArchive(stream);
        }
        catch (HelmException ex)
        {
            throw new ReconcileStepException(Reasons.ArtifactFailed, $"failed to load chart {artifact.Revision}: {ex.Message}", ex);
        }
    }
}
