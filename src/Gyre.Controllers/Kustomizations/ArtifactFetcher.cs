using System.Security.Cryptography;
using Gyre.Api.Meta;
using Gyre.Sources;
using Gyre.Sources.Artifacts;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// Downloads a source's artifact from its URL, verifies the digest and unpacks it with the size and path limits of
/// <see cref="ArchiveExtractor"/> (fluxcd/pkg http/fetch ArchiveFetcher).
/// </summary>
internal sealed class ArtifactFetcher(HttpClient http, ExtractionLimits limits)
{
    public async Task FetchAsync(ArtifactStatus artifact, string destination, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(artifact.Url), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ReconcileStepException(Reasons.ArtifactFailed,
                $"failed to download artifact from {UrlRedactor.Redact(artifact.Url)}: HTTP {(int)response.StatusCode}; the source may not have stored it yet");
        }

        var buffer = new MemoryStream();
        await using (buffer.ConfigureAwait(false))
        {
            await response.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            var actual = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(buffer, cancellationToken).ConfigureAwait(false));
            if (artifact.Digest.Length > 0 && !string.Equals(actual, artifact.Digest, StringComparison.Ordinal))
            {
                throw new ReconcileStepException(Reasons.ArtifactFailed,
                    $"failed to verify artifact {artifact.Revision}: computed digest {actual} does not match {artifact.Digest}");
            }

            buffer.Position = 0;
            try
            {
                await ArchiveExtractor.ExtractAsync(buffer, destination, artifact.Path, limits, cancellationToken).ConfigureAwait(false);
            }
            catch (SourceException ex)
            {
                throw new ReconcileStepException(Reasons.ArtifactFailed, "failed to extract artifact: " + ex.Message, ex);
            }
        }
    }
}
