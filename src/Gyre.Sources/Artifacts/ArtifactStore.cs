using System.Security.Cryptography;

namespace Gyre.Sources.Artifacts;

/// <summary>
/// The artifact storage directory, laid out as Flux's storage is: <c>&lt;root&gt;/&lt;kind&gt;/&lt;namespace&gt;/&lt;name&gt;/&lt;file&gt;</c>.
/// Files are written to a temporary name and renamed into place, so a reader (the artifact server) never sees a
/// partial file and a failed write leaves the previous artifact served. The digest is computed while writing.
/// </summary>
public sealed class ArtifactStore
{
    private readonly TimeProvider _time;

    /// <param name="root">Storage directory (Flux's --storage-path).</param>
    /// <param name="advertisedBaseUrl">Base URL written into artifact URLs (Flux's --storage-adv-addr), e.g. http://gyre.svc:9090.</param>
    /// <param name="time">Clock for lastUpdateTime and garbage collection.</param>
    public ArtifactStore(string root, string advertisedBaseUrl, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(advertisedBaseUrl);
        Root = Path.GetFullPath(root);
        AdvertisedBaseUrl = advertisedBaseUrl.TrimEnd('/');
        _time = time;
        Directory.CreateDirectory(Root);
    }

    /// <summary>Absolute storage directory.</summary>
    public string Root { get; }

    /// <summary>Base of artifact URLs.</summary>
    public string AdvertisedBaseUrl { get; }

    /// <summary>What <see cref="GarbageCollect(Artifact)"/> keeps; the pipelines collect after every new artifact.</summary>
    public ArtifactRetention Retention { get; init; } = ArtifactRetention.Default;

    /// <summary>Collects old artifacts of the same object with <see cref="Retention"/>.</summary>
    public IReadOnlyList<string> GarbageCollect(Artifact current) => GarbageCollect(current, Retention.Records, Retention.Ttl);

    /// <summary>Absolute path of an artifact (or any relative store path), refusing paths that leave the store.</summary>
    public string LocalPath(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new SourceException(relativePath, "invalid artifact path", "it points outside the storage directory", SourceReasons.InvalidPath);
        }

        return full;
    }

    /// <summary>Whether the artifact's file is still on disk (source-controller's storage check).</summary>
    public bool Exists(Artifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return File.Exists(LocalPath(artifact.Path));
    }

    /// <summary>Writes an artifact file with <paramref name="write"/> and returns its status.artifact record.</summary>
    public async Task<Artifact> StoreAsync(
        ArtifactKey key, string fileName, string revision, IReadOnlyDictionary<string, string>? metadata,
        Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(write);
        key.Validate();
        var relative = key.Directory + "/" + fileName;
        var path = LocalPath(relative);
        var directory = Path.GetDirectoryName(path)!; // LocalPath is always below Root
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (IOException ex)
        {
            throw new SourceException(key.Directory, "creating the artifact directory", ex.Message, SourceReasons.DirectoryCreationFailed, isTransient: true, ex);
        }

        var temp = Path.Combine(directory, "." + fileName + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            string digest;
            long size;
            var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var hashing = new HashingStream(file, hash);
                await write(hashing, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                digest = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
                size = file.Length;
            }

            var now = _time.GetUtcNow();
            File.SetLastWriteTimeUtc(temp, now.UtcDateTime);
            File.Move(temp, path, overwrite: true);
            return new Artifact
            {
                Path = relative,
                Url = AdvertisedBaseUrl + "/" + relative,
                Revision = revision,
                Digest = digest,
                Size = size,
                LastUpdateTime = now,
                Metadata = metadata ?? new Dictionary<string, string>(StringComparer.Ordinal),
            };
        }
        catch (IOException ex)
        {
            throw new SourceException(relative, "writing the artifact", ex.Message, SourceReasons.ArchiveOperationFailed, isTransient: true, ex);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Archives a directory as <c>&lt;fileName&gt;</c> (deterministic tar.gz, see <see cref="ArtifactArchiver"/>).</summary>
    public Task<Artifact> ArchiveAsync(
        ArtifactKey key, string fileName, string revision, string sourceDirectory, Func<string, bool, bool>? exclude,
        IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken) =>
        StoreAsync(key, fileName, revision, metadata,
            (stream, ct) => ArtifactArchiver.WriteAsync(sourceDirectory, stream, exclude, ct), cancellationToken);

    /// <summary>Points a convenience symlink (latest.tar.gz, index.yaml) at the artifact, as Flux's storage does.</summary>
    public string Symlink(Artifact artifact, string linkName)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var target = LocalPath(artifact.Path);
        var link = Path.Combine(Path.GetDirectoryName(target)!, linkName); // LocalPath is always below Root
        var temp = link + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.CreateSymbolicLink(temp, Path.GetFileName(target));
            File.Move(temp, link, overwrite: true);
        }
        catch (IOException ex)
        {
            File.Delete(temp);
            throw new SourceException(artifact.Path, $"updating the {linkName} link", ex.Message, SourceReasons.SymlinkUpdateFailed, isTransient: true, ex);
        }

        var relative = artifact.Path[..(artifact.Path.LastIndexOf('/') + 1)] + linkName;
        return AdvertisedBaseUrl + "/" + relative;
    }

    /// <summary>
    /// Deletes old artifact files of one object, as Flux's storage GarbageCollect does: files older than
    /// <paramref name="ttl"/> go, then the oldest go until at most <paramref name="retentionRecords"/> remain. The
    /// current artifact and symlinks are never deleted. Returns the deleted store paths.
    /// </summary>
    public IReadOnlyList<string> GarbageCollect(Artifact current, int retentionRecords, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(current);
        var directory = Path.GetDirectoryName(LocalPath(current.Path))!; // LocalPath is always below Root
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var files = new DirectoryInfo(directory).EnumerateFiles()
            .Where(f => f.LinkTarget is null && !f.Name.StartsWith('.'))
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var now = _time.GetUtcNow().UtcDateTime;
        var garbage = files.Where(f => f.Name != current.FileName && now - f.LastWriteTimeUtc > ttl).ToList();
        var kept = files.Except(garbage).ToList();
        var excess = kept.Count - Math.Max(retentionRecords, 1);
        foreach (var old in kept.Where(f => f.Name != current.FileName))
        {
            if (excess-- <= 0)
            {
                break;
            }

            garbage.Add(old);
        }

        var deleted = new List<string>();
        foreach (var file in garbage)
        {
            file.Delete();
            deleted.Add(Path.GetRelativePath(Root, file.FullName).Replace('\\', '/'));
        }

        return deleted;
    }
}
