using System.Formats.Tar;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace Gyre.Helm.Charts;

/// <summary>Loads charts from a directory or a .tgz archive as Helm's pkg/chart/loader does.</summary>
public static partial class ChartLoader
{
    /// <summary>Helm's MaxDecompressedChartSize: an archive may expand to at most 100 MiB.</summary>
    public const long MaxDecompressedChartSize = 100L * 1024 * 1024;

    /// <summary>Helm's MaxDecompressedFileSize: a single file may be at most 5 MiB.</summary>
    public const long MaxDecompressedFileSize = 5L * 1024 * 1024;

    [GeneratedRegex(@"^[a-zA-Z]:/", RegexOptions.CultureInvariant)]
    private static partial Regex DrivePath();

    /// <summary>Loads a chart directory, honouring its .helmignore.</summary>
    /// <exception cref="HelmException">The directory is not a valid chart.</exception>
    public static Chart LoadDirectory(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = Path.GetFullPath(path);
        if (!Directory.Exists(root))
        {
            throw new HelmException(path + ": cannot load chart: no such directory");
        }
        var ignorePath = Path.Combine(root, ".helmignore");
        var ignore = HelmIgnore.Parse(File.Exists(ignorePath) ? File.ReadAllText(ignorePath) : null);
        var files = new List<ChartFile>();
        Walk(root, "", ignore, files);
        return ChartFiles.Load(files, path);
    }

    private static void Walk(string dir, string relative, HelmIgnore ignore, List<ChartFile> files)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(dir).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            var rel = relative.Length == 0 ? name : relative + "/" + name;
            var info = new FileInfo(entry);
            var isDir = Directory.Exists(entry);
            if (ignore.Ignores(rel, isDir))
            {
                continue;
            }
            if (isDir)
            {
                Walk(entry, rel, ignore, files);
                continue;
            }
            if (info.Length > MaxDecompressedFileSize)
            {
                throw new HelmException(rel + ": cannot load chart: file is larger than the maximum file size " + MaxDecompressedFileSize + " bytes");
            }
            files.Add(new ChartFile(rel, File.ReadAllBytes(entry)));
        }
    }

    /// <summary>Loads a gzipped tar archive (helm package output): one top-level directory holding the chart.</summary>
    /// <exception cref="HelmException">The archive is invalid, too large or escapes its directory.</exception>
    public static Chart LoadArchive(Stream archive)
    {
        ArgumentNullException.ThrowIfNull(archive);
        return ChartFiles.Load(ReadArchive(archive), "archive");
    }

    internal static List<ChartFile> ReadArchive(Stream archive)
    {
        var files = new List<ChartFile>();
        long total = 0;
        try
        {
            using var gz = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true);
            using var tar = new TarReader(gz);
            while (tar.GetNextEntry() is { } e)
            {
                if (e.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile))
                {
                    continue;
                }
                var name = Normalize(e.Name);
                var size = e.Length;
                total += size;
                if (size > MaxDecompressedFileSize)
                {
                    throw new HelmException("archive: " + e.Name + ": decompressed chart file is larger than the maximum file size " + MaxDecompressedFileSize + " bytes");
                }
                if (total > MaxDecompressedChartSize)
                {
                    throw new HelmException("archive: chart exceeds the maximum decompressed size of " + MaxDecompressedChartSize + " bytes");
                }
                using var data = new MemoryStream();
                e.DataStream?.CopyTo(data);
                files.Add(new ChartFile(name, data.ToArray()));
            }
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new HelmException("archive: cannot read chart archive: " + e.Message + "; expected a gzipped tar (helm package output)", innerException: e);
        }
        if (files.Count == 0)
        {
            throw new HelmException("archive: no files in chart archive");
        }
        return files;
    }

    private static string Normalize(string entryName)
    {
        var parts = entryName.Replace('\\', '/').Split('/');
        var n = string.Join('/', parts.Skip(1));
        if (n.StartsWith('/'))
        {
            throw new HelmException("archive: chart illegally contains absolute paths");
        }
        n = CleanPath(n);
        if (n == ".")
        {
            throw new HelmException("archive: chart illegally contains content outside the base directory: \"" + entryName + "\"");
        }
        if (n.StartsWith("..", StringComparison.Ordinal))
        {
            throw new HelmException("archive: chart illegally references parent directory");
        }
        if (DrivePath().IsMatch(n))
        {
            throw new HelmException("archive: chart contains illegally named files");
        }
        if (parts[0] == "Chart.yaml")
        {
            throw new HelmException("archive: chart yaml not in base directory");
        }
        return n;
    }

    /// <summary>Go's path.Clean.</summary>
    private static string CleanPath(string p)
    {
        var stack = new List<string>();
        foreach (var part in p.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }
            if (part == ".." && stack.Count > 0 && stack[^1] != "..")
            {
                stack.RemoveAt(stack.Count - 1);
                continue;
            }
            stack.Add(part);
        }
        return stack.Count == 0 ? "." : string.Join('/', stack);
    }
}
