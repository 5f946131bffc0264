using Gyre.Sources.Artifacts;
using Gyre.Sources.Semver;

namespace Gyre.Sources.Oci;

/// <summary>
/// The OCIRepository pipeline, as source-controller runs it: resolve the ref to a manifest digest (one HEAD request
/// for a tag, a tag listing for semver, nothing for a digest), stop when it and the content configuration are
/// unchanged, else pull the manifest, select a layer, download and verify it, then extract (re-archived
/// deterministically, ignore rules applied) or copy it into the store as <c>&lt;digest-hex&gt;.tar.gz</c>.
/// </summary>
public sealed class OciRepositorySource(ArtifactStore store, string workDirectory)
{
    public async Task<OciRepositoryResult> ReconcileAsync(OciRepositoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reference = OciReference.Parse(request.Url, allowTagOrDigest: false);
        if (request.LayerOperation is not ("extract" or "copy"))
        {
            throw new SourceException(reference.ToString(), "invalid spec.layerSelector.operation", $"'{request.LayerOperation}' is not extract or copy",
                SourceReasons.OciLayerOperationFailed);
        }

        var contentConfig = ContentConfig(request);
        using var client = new OciClient(reference.Registry, request.Client);
        var (tag, digest) = await ResolveAsync(client, reference, request, cancellationToken).ConfigureAwait(false);
        var revision = RevisionFormat.Oci(tag, digest);
        if (request.CurrentArtifact is { } current && current.Revision == revision && contentConfig == request.ObservedContentConfig && store.Exists(current))
        {
            return new OciRepositoryResult { Artifact = current, Changed = false, Url = LatestUrl(current), ContentConfig = contentConfig };
        }

        var manifest = await client.GetManifestAsync(reference.Repository, digest, cancellationToken).ConfigureAwait(false);
        if (manifest.IsIndex)
        {
            // Plain multi-platform images: take linux/amd64 as crane does by default, else the first entry.
            var entry = manifest.Manifests.FirstOrDefault(m => m.Platform == "linux/amd64") ?? (manifest.Manifests.Count > 0 ? manifest.Manifests[0] : null)
                ?? throw new SourceException(reference.ToString(), "selecting a manifest", "the image index is empty", SourceReasons.OciPullFailed);
            manifest = await client.GetManifestAsync(reference.Repository, entry.Digest, cancellationToken).ConfigureAwait(false);
        }

        var layer = SelectLayer(manifest, request.LayerMediaType, reference);
        var artifact = await StoreLayerAsync(client, reference, request, layer, digest, revision, manifest.Annotations, cancellationToken).ConfigureAwait(false);
        var url = store.Symlink(artifact, "latest.tar.gz");
        store.GarbageCollect(artifact);
        return new OciRepositoryResult { Artifact = artifact, Changed = true, Url = url, ContentConfig = contentConfig };
    }

    /// <summary>The spec fields beyond the revision that shape the artifact (observedLayerSelector, observedIgnore).</summary>
    public static string ContentConfig(OciRepositoryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"layer={request.LayerMediaType}|{request.LayerOperation};ignore={request.Ignore}";
    }

    private static async Task<(string? Tag, string Digest)> ResolveAsync(
        OciClient client, OciReference reference, OciRepositoryRequest request, CancellationToken cancellationToken)
    {
        if (request.Digest is { } pinned)
        {
            if (!pinned.StartsWith("sha256:", StringComparison.Ordinal) || pinned.Length != 71)
            {
                throw new SourceException(reference.ToString(), "invalid spec.ref.digest", $"'{pinned}' is not a sha256 digest", SourceReasons.OciPullFailed);
            }

            return (null, pinned);
        }

        var tag = request.Tag ?? "latest";
        if (request.Semver is { } range)
        {
            SemverConstraint constraint;
            try
            {
                constraint = SemverConstraint.Parse(range);
            }
            catch (FormatException ex)
            {
                throw new SourceException(reference.ToString(), "invalid spec.ref.semver", ex.Message, SourceReasons.OciPullFailed, inner: ex);
            }

            var tags = await client.ListTagsAsync(reference.Repository, cancellationToken).ConfigureAwait(false);
            tag = SemverTags.Highest(tags, constraint, request.SemverFilter)
                ?? throw new SourceException(reference.ToString(), "resolving spec.ref.semver", $"no tag matches '{range}'", SourceReasons.OciPullFailed, isTransient: true);
        }

        return (tag, await client.ResolveAsync(reference.Repository, tag, cancellationToken).ConfigureAwait(false));
    }

    private static OciDescriptor SelectLayer(OciManifest manifest, string? mediaType, OciReference reference)
    {
        var layers = manifest.Layers;
        var layer = mediaType is null ? (layers.Count > 0 ? layers[0] : null) : layers.FirstOrDefault(l => l.MediaType == mediaType);
        return layer ?? throw new SourceException(reference.ToString(), "selecting a layer",
            mediaType is null ? "the manifest has no layers" : $"no layer has media type '{mediaType}'", SourceReasons.OciLayerOperationFailed);
    }

    private async Task<Artifact> StoreLayerAsync(
        OciClient client, OciReference reference, OciRepositoryRequest request, OciDescriptor layer, string digest, string revision,
        IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var fileName = digest["sha256:".Length..] + ".tar.gz";
        if (request.LayerOperation == "copy")
        {
            return await store.StoreAsync(request.Key, fileName, revision, metadata,
                (stream, ct) => client.DownloadBlobAsync(reference.Repository, layer.Digest, stream, ct), cancellationToken).ConfigureAwait(false);
        }

        var scratch = Path.Combine(workDirectory, "oci-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var blob = Path.Combine(scratch, "layer");
            var file = new FileStream(blob, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await client.DownloadBlobAsync(reference.Repository, layer.Digest, file, cancellationToken).ConfigureAwait(false);
                file.Position = 0;
                await ArchiveExtractor.ExtractAsync(file, Path.Combine(scratch, "content"), reference + " layer " + layer.Digest, request.Limits,
                    SourceReasons.OciLayerOperationFailed, cancellationToken).ConfigureAwait(false);
            }

            var root = Path.Combine(scratch, "content");
            Func<string, bool, bool>? exclude = request.Ignore is null ? null : Ignore.SourceIgnore.Load(root, request.Ignore).IsIgnored;
            return await store.ArchiveAsync(request.Key, fileName, revision, root, exclude, metadata, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private string LatestUrl(Artifact artifact) =>
        store.AdvertisedBaseUrl + "/" + artifact.Path[..(artifact.Path.LastIndexOf('/') + 1)] + "latest.tar.gz";
}
