using System.Formats.Tar;
using System.IO.Compression;

namespace Gyre.Sources.Artifacts;

/// <summary>
/// Unpacks a (gzip) tarball into a directory and refuses anything that could write outside it: absolute paths,
/// <c>..</c> components, links whose target leaves the root, writes through a link that leaves the root, and more
/// than <see cref="ExtractionLimits"/> allow. Device files and FIFOs are skipped. Mirrors fluxcd/pkg/tar Untar.
/// </summary>
public static class ArchiveExtractor
{
    /// <summary>Extracts <paramref name="archive"/>; <paramref name="location"/> names it in error messages.</summary>
    public static Task ExtractAsync(Stream archive, string destination, string location, ExtractionLimits limits, CancellationToken cancellationToken) =>
        ExtractAsync(archive, destination, location, limits, SourceReasons.ArchiveOperationFailed, cancellationToken);

    /// <summary>Extracts with refusals reported under <paramref name="failureReason"/> (e.g. OCIArtifactLayerOperationFailed).</summary>
    public static async Task ExtractAsync(
        Stream archive, string destination, string location, ExtractionLimits limits, string failureReason, CancellationToken cancellationToken)
    {
        try
        {
            await ExtractCoreAsync(archive, destination, location, limits, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceException ex)
        {
            throw ex.WithReason(failureReason);
        }
        catch (InvalidDataException ex)
        {
            // Not gzip or not tar: corrupt or not an archive at all.
            throw new SourceException(location, "extracting the archive", ex.Message, failureReason, inner: ex);
        }
        catch (EndOfStreamException ex)
        {
            throw new SourceException(location, "extracting the archive", "the archive is truncated", failureReason, inner: ex);
        }
    }

    private static async Task ExtractCoreAsync(Stream archive, string destination, string location, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(limits);
        var root = Path.GetFullPath(destination);
        Directory.CreateDirectory(root);
        var input = await MaybeGunzipAsync(archive, cancellationToken).ConfigureAwait(false);
        await using (input.ConfigureAwait(false))
        {
            var reader = new TarReader(input, leaveOpen: true);
            await using (reader.ConfigureAwait(false))
            {
                long bytes = 0;
                var entries = 0;
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    if (++entries > limits.MaxEntries)
                    {
                        throw Refused(location, entry.Name, $"more than {limits.MaxEntries} entries");
                    }

                    bytes += entry.Length;
                    if (bytes > limits.MaxBytes)
                    {
                        throw Refused(location, entry.Name, $"content exceeds the {limits.MaxBytes} byte limit");
                    }

                    await ExtractEntryAsync(entry, root, location, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task<Stream> MaybeGunzipAsync(Stream archive, CancellationToken cancellationToken)
    {
        // Buffered peek at the gzip magic so both .tar.gz and plain .tar are accepted.
        var buffered = new BufferedStream(archive, 64 * 1024);
        var magic = new byte[2];
        var read = await buffered.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var prefixed = new PrefixedStream(magic.AsMemory(0, read).ToArray(), buffered);
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(prefixed, CompressionMode.Decompress) : prefixed;
    }

    private static async Task ExtractEntryAsync(TarEntry entry, string root, string location, CancellationToken cancellationToken)
    {
        var target = ResolveInside(root, entry.Name, location, entry.Name);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                EnsureNoEscapingLink(root, target, location, entry.Name);
                Directory.CreateDirectory(target);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                var parent = Path.GetDirectoryName(target)!; // target is strictly inside root, so it has a parent
                Directory.CreateDirectory(parent);
                EnsureNoEscapingLink(root, parent, location, entry.Name);
                if (File.Exists(target) && new FileInfo(target).LinkTarget is not null)
                {
                    File.Delete(target); // never write through an existing link
                }

                var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
                await using (output.ConfigureAwait(false))
                {
                    if (entry.DataStream is not null)
                    {
                        await entry.DataStream.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                    }
                }

                break;
            case TarEntryType.SymbolicLink:
                var linkParent = Path.GetDirectoryName(target)!; // target is strictly inside root
                if (Path.IsPathRooted(entry.LinkName))
                {
                    throw Refused(location, entry.Name, $"symlink to absolute path '{entry.LinkName}'");
                }

                ResolveInside(root, Path.GetRelativePath(root, Path.Combine(linkParent, entry.LinkName)), location, entry.Name);
                Directory.CreateDirectory(linkParent);
                EnsureNoEscapingLink(root, linkParent, location, entry.Name);
                File.CreateSymbolicLink(target, entry.LinkName);
                break;
            case TarEntryType.HardLink:
                throw Refused(location, entry.Name, "hard links are not supported in artifacts");
            default:
                break; // devices, FIFOs, extended headers: nothing to write
        }
    }

    /// <summary>Lexically resolves <paramref name="name"/> under <paramref name="root"/> and refuses escapes.</summary>
    private static string ResolveInside(string root, string name, string location, string entryName)
    {
        var normalised = name.Replace('\\', '/');
        if (normalised.StartsWith('/') || Path.IsPathRooted(normalised))
        {
            throw Refused(location, entryName, "absolute path");
        }

        if (normalised.Split('/').Any(part => part == ".."))
        {
            throw Refused(location, entryName, "path contains '..'");
        }

        var full = Path.GetFullPath(Path.Combine(root, normalised));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && full != root)
        {
            throw Refused(location, entryName, "path escapes the destination");
        }

        return full;
    }

    /// <summary>Walks each existing component from the root and refuses symlinks that resolve outside it.</summary>
    private static void EnsureNoEscapingLink(string root, string directory, string location, string entryName)
    {
        var current = root;
        foreach (var part in Path.GetRelativePath(root, directory).Split(Path.DirectorySeparatorChar))
        {
            if (part is "." or "")
            {
                continue;
            }

            current = Path.Combine(current, part);
            var info = new DirectoryInfo(current);
            if (info.LinkTarget is null)
            {
                continue;
            }

            var resolved = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? current;
            if (!resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && resolved != root)
            {
                throw Refused(location, entryName, "path passes through a link that leaves the destination");
            }
        }
    }

    private static SourceException Refused(string location, string entry, string why) =>
        new(location, $"refusing to extract '{entry}'", why, SourceReasons.ArchiveOperationFailed);
}
