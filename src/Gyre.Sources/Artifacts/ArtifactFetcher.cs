using System.Net;
using System.Security.Cryptography;

namespace Gyre.Sources.Artifacts;

/// <summary>
/// The consumer side (fluxcd/pkg http/fetch ArchiveFetcher, used by kustomize-controller and helm-controller):
/// download <c>artifact.url</c> with retries, verify <c>artifact.digest</c>, and untar within limits. A missing
/// artifact (404) is reported as transient so the consumer requeues until the source has stored it.
/// </summary>
public sealed class ArtifactFetcher(HttpClient http, TimeProvider time, int retries = 9)
{
    /// <summary>Fetches and extracts <paramref name="artifact"/> into <paramref name="destination"/>.</summary>
    public async Task FetchAsync(Artifact artifact, string destination, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var location = UrlRedactor.Redact(artifact.Url);
        using var buffer = new MemoryStream();
        for (var attempt = 0; ; attempt++)
        {
            buffer.SetLength(0);
            try
            {
                await DownloadAsync(artifact.Url, location, buffer, limits.MaxBytes, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (SourceException ex) when (ex.IsTransient && attempt < retries && ex.Reason != ArtifactFailed)
            {
                // Back off briefly and retry, as the consumers' --http-retry does.
                await Task.Delay(TimeSpan.FromMilliseconds(100 * (attempt + 1)), time, cancellationToken).ConfigureAwait(false);
            }
        }

        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        if (!string.Equals(digest, artifact.Digest, StringComparison.Ordinal))
        {
            throw new SourceException(location, "verifying the artifact", $"digest is {digest}, status.artifact says {artifact.Digest}", ArtifactFailed, isTransient: true);
        }

        buffer.Position = 0;
        await ArchiveExtractor.ExtractAsync(buffer, destination, location, limits, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reason consumers report when the source artifact cannot be fetched (fluxcd/pkg apis/meta ArtifactFailedReason).</summary>
    public const string ArtifactFailed = "ArtifactFailed";

    private async Task DownloadAsync(string url, string location, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new SourceException(location, "downloading the artifact", ex.Message, SourceReasons.Failed, isTransient: true, ex);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new SourceException(location, "downloading the artifact", "artifact not found; the source is not ready yet", ArtifactFailed, isTransient: true);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new SourceException(location, "downloading the artifact", $"the server answered {(int)response.StatusCode}", SourceReasons.Failed, isTransient: true);
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new SourceException(location, "downloading the artifact", $"it is larger than the {maxBytes} byte limit", ArtifactFailed);
            }

            await response.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        }
    }
}
