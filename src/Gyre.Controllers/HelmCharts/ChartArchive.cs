using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Manifests;
using Gyre.Manifests.Yaml;
using MAB.DotIgnore;

namespace Gyre.Controllers.HelmCharts;

/// <summary>
/// A chart's files in memory, keyed by their path below the chart directory, read from a packaged .tgz or a
/// directory (with .helmignore) and written back as a package laid out as `helm package` does: everything under
/// <c>&lt;name&gt;/</c>, Chart.yaml first.
/// </summary>
internal sealed class ChartArchive
{
    /// <summary>Largest uncompressed chart accepted (Helm's loader caps archives similarly).</summary>
    public const long MaxBytes = 100L * 1024 * 1024;

    private readonly SortedDictionary<string, byte[]> _files;

    private ChartArchive(SortedDictionary<string, byte[]> files, string location)
    {
        _files = files;
        if (!files.TryGetValue("Chart.yaml", out var chartYaml))
        {
            throw new ChartException($"{location}: Chart.yaml file is missing");
        }

        Metadata = YamlReader.ReadSingle(Encoding.UTF8.GetString(chartYaml), "Chart.yaml") as JsonObject
            ?? throw new ChartException($"{location}: Chart.yaml is not a mapping");
        Name = (string?)Metadata["name"] is { Length: > 0 } name ? name : throw new ChartException($"{location}: Chart.yaml: name is required");
        Version = Metadata["version"]?.ToString() is { Length: > 0 } version ? version : throw new ChartException($"{location}: Chart.yaml: version is required");
    }

    public JsonObject Metadata { get; }

    public string Name { get; }

    public string Version { get; private set; }

    public IReadOnlyDictionary<string, byte[]> Files => _files;

    public static async Task<ChartArchive> ReadPackageAsync(Stream package, string location, CancellationToken cancellationToken)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        try
        {
            using var gzip = new GZipStream(package, CompressionMode.Decompress, leaveOpen: true);
            using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                // Helm strips the first path element (the chart directory) and refuses paths that climb out.
                var name = entry.Name.Replace('\\', '/');
                var slash = name.IndexOf('/', StringComparison.Ordinal);
                var relative = slash < 0 ? name : name[(slash + 1)..];
                if (relative.Length == 0 || relative.Split('/').Any(p => p == ".."))
                {
                    throw new ChartException($"{location}: chart illegally references a file outside the chart: {entry.Name}");
                }

                total += entry.Length;
                if (total > MaxBytes)
                {
                    throw new ChartException($"{location}: the chart is larger than {MaxBytes} bytes uncompressed");
                }

                using var buffer = new MemoryStream();
                await entry.DataStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                files[relative] = buffer.ToArray();
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new ChartException($"{location}: the chart package is not a gzipped tar archive: {ex.Message}", ex);
        }

        return new ChartArchive(files, location);
    }

    public static ChartArchive ReadDirectory(string directory, string location)
    {
        if (!Directory.Exists(directory))
        {
            throw new ChartException($"{location}: no chart directory found at this path");
        }

        var ignore = new IgnoreList();
        var helmignore = Path.Combine(directory, ".helmignore");
        if (File.Exists(helmignore))
        {
            ignore.AddRules(File.ReadAllLines(helmignore).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')));
        }

        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            if (!ignore.IsIgnored(relative, pathIsDirectory: false) && !relative.Split('/').SkipLast(1).Any(d => ignore.IsIgnored(d, pathIsDirectory: true)))
            {
                files[relative] = File.ReadAllBytes(file);
            }
        }

        return new ChartArchive(files, location);
    }

    /// <summary>Replaces values.yaml (source-controller's valuesFiles merge).</summary>
    public void SetValues(JsonObject values) => _files["values.yaml"] = Encoding.UTF8.GetBytes(YamlWriter.Write(values));

    /// <summary>Sets Chart.yaml's version (source-controller adds build metadata for valuesFiles and the Revision strategy).</summary>
    public void SetVersion(string version)
    {
        Metadata["version"] = version;
        Version = version;
        _files["Chart.yaml"] = Encoding.UTF8.GetBytes(YamlWriter.Write(Metadata));
    }

    /// <summary>Writes the package with fixed timestamps and modes, so the same chart always has the same digest.</summary>
    public async Task WritePackageAsync(Stream destination, CancellationToken cancellationToken)
    {
        using var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true);
        var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
        await using (tar.ConfigureAwait(false))
        {
            foreach (var (path, data) in _files.OrderBy(f => f.Key == "Chart.yaml" ? 0 : 1).ThenBy(f => f.Key, StringComparer.Ordinal))
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, Name + "/" + path)
                {
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    DataStream = new MemoryStream(data),
                };
                await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public JsonObject ReadYamlFile(string path, string location)
    {
        try
        {
            return YamlReader.ReadSingle(Encoding.UTF8.GetString(_files[path]), path) as JsonObject ?? [];
        }
        catch (ManifestException ex)
        {
            throw new ChartException($"{location}: {path}: {ex.Message}", ex);
        }
    }
}
