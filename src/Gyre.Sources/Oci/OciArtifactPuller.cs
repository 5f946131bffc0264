using Gyre.Sources.Artifacts;

namespace Gyre.Sources.Oci;

/// <summary>Downloads a Flux OCI artifact and extracts its content layer, as <c>flux pull artifact</c> does.</summary>
public static class OciArtifactPuller
{
    /// <summary>Extracts the first Flux content layer (or the first layer) into <paramref name="output"/>; returns the manifest.</summary>
    public static async Task<OciManifest> PullAsync(
        OciReference reference, string output, OciClientOptions options, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reference);
        using var client = new OciClient(reference.Registry, options);
        var manifest = await client.GetManifestAsync(reference.Repository, reference.Digest ?? reference.Tag ?? "latest", cancellationToken).ConfigureAwait(false);
        var layer = manifest.Layers.FirstOrDefault(l => l.MediaType == OciMediaTypes.FluxContent) ?? (manifest.Layers.Count > 0 ? manifest.Layers[0] : null)
            ?? throw new SourceException(reference.ToString(), "pulling an artifact", "the manifest has no layers", SourceReasons.OciLayerOperationFailed);
        using var buffer = new MemoryStream();
        await client.DownloadBlobAsync(reference.Repository, layer.Digest, buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        await ArchiveExtractor.ExtractAsync(buffer, output, reference + " layer " + layer.Digest, limits, cancellationToken).ConfigureAwait(false);
        return manifest;
    }
}
