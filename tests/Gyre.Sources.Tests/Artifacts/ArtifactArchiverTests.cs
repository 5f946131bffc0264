using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Artifacts;

public sealed class ArtifactArchiverTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string Tree(string name)
    {
        var root = _dir.Combine(name);
        Directory.CreateDirectory(Path.Combine(root, "b", "nested"));
        File.WriteAllText(Path.Combine(root, "z.yaml"), "z");
        File.WriteAllText(Path.Combine(root, "a.yaml"), "a");
        File.WriteAllText(Path.Combine(root, "b", "nested", "c.yaml"), "c");
        File.WriteAllText(Path.Combine(root, "run.sh"), "#!/bin/sh");
        File.SetUnixFileMode(Path.Combine(root, "run.sh"), (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(Path.Combine(root, "a.yaml"), (UnixFileMode)0b110_110_110);
        File.CreateSymbolicLink(Path.Combine(root, "link.yaml"), "a.yaml");
        return root;
    }

    private static async Task<byte[]> ArchiveAsync(string root)
    {
        using var buffer = new MemoryStream();
        await ArtifactArchiver.WriteAsync(root, buffer, null, TestTimeout.Token);
        return buffer.ToArray();
    }

    [Fact]
    public async Task Same_tree_gives_the_same_bytes_whatever_the_timestamps()
    {
        var first = Tree("one");
        var second = Tree("two");
        File.SetLastWriteTimeUtc(Path.Combine(second, "a.yaml"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var a = await ArchiveAsync(first);
        var b = await ArchiveAsync(second);

        Assert.Equal(SHA256.HashData(a), SHA256.HashData(b));
    }

    [Fact]
    public async Task Entries_are_sorted_sanitised_and_symlinks_are_left_out()
    {
        var bytes = await ArchiveAsync(Tree("t"));

        var entries = new List<TarEntry>();
        using (var reader = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress)))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                entries.Add(entry);
            }
        }

        Assert.Equal(["a.yaml", "b/", "b/nested/", "b/nested/c.yaml", "run.sh", "z.yaml"], entries.Select(e => e.Name));
        Assert.All(entries, e =>
        {
            Assert.Equal(0, e.Uid);
            Assert.Equal(0, e.Gid);
            Assert.Equal(DateTimeOffset.UnixEpoch, e.ModificationTime);
        });
        Assert.Equal((UnixFileMode)0b110_000_000, entries.Single(e => e.Name == "a.yaml").Mode);
        Assert.Equal((UnixFileMode)0b111_000_000, entries.Single(e => e.Name == "run.sh").Mode);
        Assert.Equal((UnixFileMode)0b111_101_000, entries.Single(e => e.Name == "b/").Mode);
    }

    [Fact]
    public async Task Excluded_directories_are_not_entered()
    {
        var root = Tree("t");
        using var buffer = new MemoryStream();

        await ArtifactArchiver.WriteAsync(root, buffer, (path, isDir) => isDir && path == "b", TestTimeout.Token);

        using var reader = new TarReader(new GZipStream(new MemoryStream(buffer.ToArray()), CompressionMode.Decompress));
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        Assert.Equal(["a.yaml", "run.sh", "z.yaml"], names);
    }

    [Fact]
    public async Task Special_files_are_left_out_without_blocking()
    {
        var root = _dir.Combine("special");
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "a.yaml"), "a");
        File.WriteAllText(Path.Combine(root, "empty.yaml"), "");
        Shell.Run(root, "mkfifo", "pipe");
        using var buffer = new MemoryStream();

        await ArtifactArchiver.WriteAsync(root, buffer, null, TestTimeout.Token);

        using var reader = new TarReader(new GZipStream(new MemoryStream(buffer.ToArray()), CompressionMode.Decompress));
        Assert.Equal("a.yaml", reader.GetNextEntry()!.Name);
        Assert.Equal("empty.yaml", reader.GetNextEntry()!.Name);
        Assert.Null(reader.GetNextEntry());
    }

    public void Dispose() => _dir.Dispose();
}
