using System.Formats.Tar;
using System.IO.Compression;

namespace Gyre.Sources.Artifacts;

/// <summary>
/// Writes a directory as a reproducible gzip tarball, as fluxcd/pkg artifact/storage/archive.go does: entries in
/// lexical order, headers sanitised (uid/gid 0, no user or group names, a fixed modification time, modes 0750 for
/// directories, 0700 for executables and 0600 for other files), and symlinks and special files left out. The same
/// tree therefore always yields the same bytes and the same digest.
/// </summary>
public static class ArtifactArchiver
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    private const UnixFileMode ExecutableMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>
    /// Archives <paramref name="root"/> into <paramref name="destination"/>. <paramref name="exclude"/> receives a
    /// slash-separated path relative to the root and whether it is a directory; excluded directories are not entered.
    /// </summary>
    public static async Task WriteAsync(string root, Stream destination, Func<string, bool, bool>? exclude, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(destination);
        var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            var tar = new TarWriter(gzip, TarEntryFormat.Gnu, leaveOpen: true);
            var entries = 0;
            await using (tar.ConfigureAwait(false))
            {
                entries = await WriteDirectoryAsync(tar, root, "", exclude, cancellationToken).ConfigureAwait(false);
            }

            if (entries == 0)
            {
                // TarWriter writes no end-of-archive blocks for an empty archive; write them so readers see a valid tar.
                await gzip.WriteAsync(new byte[1024], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> WriteDirectoryAsync(TarWriter tar, string directory, string relative, Func<string, bool, bool>? exclude, CancellationToken cancellationToken)
    {
        var written = 0;
        var children = new DirectoryInfo(directory).EnumerateFileSystemInfos()
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var child in children)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = relative.Length == 0 ? child.Name : relative + "/" + child.Name;
            if (child.LinkTarget is not null)
            {
                continue; // symlinks are never archived: they could point outside the source.
            }

            if (child is DirectoryInfo dir)
            {
                if (exclude?.Invoke(path, true) == true)
                {
                    continue;
                }

                await tar.WriteEntryAsync(NewEntry(TarEntryType.Directory, path + "/", DirectoryMode), cancellationToken).ConfigureAwait(false);
                written += 1 + await WriteDirectoryAsync(tar, dir.FullName, path, exclude, cancellationToken).ConfigureAwait(false);
            }
            else if (child is FileInfo file && FileKind.IsRegular(file))
            {
                if (exclude?.Invoke(path, false) == true)
                {
                    continue;
                }

                var mode = OperatingSystem.IsWindows() || (file.UnixFileMode & AnyExecute) == 0 ? FileMode : ExecutableMode;
                var entry = NewEntry(TarEntryType.RegularFile, path, mode);
                written++;
                if (file.Length == 0)
                {
                    // Never opened: an empty entry needs no data, and opening is what would block on a FIFO.
                    await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var content = file.OpenRead();
                await using (content.ConfigureAwait(false))
                {
                    entry.DataStream = content;
                    await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return written;
    }

    private static GnuTarEntry NewEntry(TarEntryType type, string name, UnixFileMode mode) => new(type, name)
    {
        Mode = mode,
        Uid = 0,
        Gid = 0,
        UserName = "",
        GroupName = "",
        ModificationTime = DateTimeOffset.UnixEpoch,
        AccessTime = DateTimeOffset.UnixEpoch,
        ChangeTime = DateTimeOffset.UnixEpoch,
    };
}
