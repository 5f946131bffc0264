using System.Security.Cryptography;
using Gyre.Api.Meta;
using Gyre.Controllers.Kustomizations;
using Gyre.Helm;
using Gyre.Helm.Charts;
using Gyre.Sources;

namespace Gyre.Controllers.HelmReleases;

/// <summary>Downloads a chart artifact, checks its digest and loads it with Gyre.Helm (helm-controller's loader.SecureLoadChartFromURL).</summary>
internal sealed class ChartArtifactLoader(HttpClient http)
{
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
