using Gyre.Sources.Artifacts;
using Gyre.Sources.Ignore;

namespace Gyre.Sources.Buckets;

/// <summary>
/// The Bucket pipeline, as source-controller's bucket reconciler runs it: the bucket must exist; the root
/// <c>.sourceignore</c> object and spec.ignore decide which keys count; the listing below spec.prefix becomes the
/// index (key → ETag) whose digest is the revision; an unchanged revision and ignore keep the stored artifact
/// without a download; otherwise the objects download in parallel (bounded) and are archived as
/// <c>&lt;index-digest-hex&gt;.tar.gz</c> behind the latest.tar.gz link.
/// </summary>
public sealed class BucketSource(ArtifactStore store, string workDirectory)
{
    public async Task<BucketResult> ReconcileAsync(BucketRequest request, IBucketClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var location = client.Location;
        if (!await client.BucketExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new SourceException(location, "checking the bucket", "bucket not found; check spec.bucketName and spec.endpoint",
                SourceReasons.BucketOperationFailed, isTransient: true);
        }

        var scratch = Path.Combine(workDirectory, "bucket-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var index = await IndexAsync(request, client, scratch, cancellationToken).ConfigureAwait(false);
            var revision = index.Revision();
            if (request.CurrentArtifact is { } current && current.Revision == revision && request.Ignore == request.ObservedIgnore && store.Exists(current))
            {
                return new BucketResult { Artifact = current, Changed = false, Url = LatestUrl(current), ObjectCount = index.Count };
            }

            await DownloadAsync(index, client, scratch, request.MaxConcurrentDownloads, location, cancellationToken).ConfigureAwait(false);
            var artifact = await store.ArchiveAsync(request.Key, revision["sha256:".Length..] + ".tar.gz", revision, scratch, IsVcsFile, null, cancellationToken)
                .ConfigureAwait(false);
            var url = store.Symlink(artifact, "latest.tar.gz");
            store.GarbageCollect(artifact);
            return new BucketResult { Artifact = artifact, Changed = true, Url = url, ObjectCount = index.Count };
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The index: every listed key but directory markers, the root .sourceignore and ignored keys.</summary>
    private static async Task<BucketIndex> IndexAsync(BucketRequest request, IBucketClient client, string scratch, CancellationToken cancellationToken)
    {
        // The root .sourceignore lands in the artifact directory, as in source-controller (where it is archived too).
        string? ignoreText = null;
        using (var buffer = new MemoryStream())
        {
            if (await client.DownloadAsync(SourceIgnore.FileName, buffer, cancellationToken).ConfigureAwait(false))
            {
                await File.WriteAllBytesAsync(Path.Combine(scratch, SourceIgnore.FileName), buffer.ToArray(), cancellationToken).ConfigureAwait(false);
                ignoreText = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            }
        }

        var rules = SourceIgnore.FromPatterns(ignoreText, request.Ignore);
        var index = new BucketIndex();
        foreach (var obj in await client.ListAsync(request.Prefix, cancellationToken).ConfigureAwait(false))
        {
            if (obj.Key.EndsWith('/') || obj.Key == SourceIgnore.FileName || IsIgnored(rules, obj.Key))
            {
                continue;
            }

            index.Add(obj.Key, obj.ETag);
        }

        return index;
    }

    /// <summary>gitignore semantics on a key: an excluded parent directory excludes everything below it.</summary>
    private static bool IsIgnored(SourceIgnore rules, string key)
    {
        for (var slash = key.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = key.IndexOf('/', slash + 1))
        {
            if (rules.IsIgnored(key[..slash], isDirectory: true))
            {
                return true;
            }
        }

        return rules.IsIgnored(key, isDirectory: false);
    }

    private static async Task DownloadAsync(
        BucketIndex index, IBucketClient client, string root, int parallelism, string location, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(index.Keys, options, async (key, ct) =>
        {
            var path = LocalPath(root, key, location);
            FileStream file;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!); // below root by LocalPath
                file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            }
            catch (IOException ex)
            {
                throw new SourceException(location, $"storing object '{key}'", $"{ex.Message} (a key and a directory of other keys share a name?)",
                    SourceReasons.BucketOperationFailed, inner: ex);
            }

            bool found;
            await using (file.ConfigureAwait(false))
            {
                found = await client.DownloadAsync(key, file, ct).ConfigureAwait(false);
            }

            if (!found)
            {
                File.Delete(path); // deleted after the listing: source-controller skips it too
            }
        }).ConfigureAwait(false);
    }

    /// <summary>The key's file below root; a key that would leave it (.., absolute) or clash with a directory is refused.</summary>
    internal static string LocalPath(string root, string key, string location)
    {
        var full = Path.GetFullPath(Path.Combine(root, key.TrimStart('/')));
        var rootFull = Path.GetFullPath(root) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootFull, StringComparison.Ordinal) || key.Split('/').Any(s => s is ".." or "."))
        {
            throw new SourceException(location, $"storing object '{key}'", "the key leaves the bucket directory (it has '.' or '..' segments)",
                SourceReasons.BucketOperationFailed);
        }

        if (Directory.Exists(full))
        {
            throw new SourceException(location, $"storing object '{key}'", "another key uses the same name as a directory",
                SourceReasons.BucketOperationFailed);
        }

        return full;
    }

    // fluxcd/pkg storage.Archive's default filter: VCS metadata never goes into an artifact.
    private static bool IsVcsFile(string path, bool isDirectory)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return isDirectory ? name == ".git" : name is ".git" or ".gitignore" or ".gitmodules" or ".gitattributes";
    }

    private string LatestUrl(Artifact artifact) =>
        store.AdvertisedBaseUrl + "/" + artifact.Path[..(artifact.Path.LastIndexOf('/') + 1)] + "latest.tar.gz";
}
