using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Artifacts;

public sealed class ArchiveExtractorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static MemoryStream TarGz(params TarEntry[] entries)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var entry in entries)
            {
                writer.WriteEntry(entry);
            }
        }

        buffer.Position = 0;
        return buffer;
    }

    private static PaxTarEntry File(string name, string content = "x") =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) };

    private static PaxTarEntry Link(string name, string target) => new(TarEntryType.SymbolicLink, name) { LinkName = target };

    private Task ExtractAsync(Stream archive, ExtractionLimits? limits = null) =>
        ArchiveExtractor.ExtractAsync(archive, _dir.Combine("out"), "test.tar.gz", limits ?? ExtractionLimits.Default, TestTimeout.Token);

    [Fact]
    public async Task Regular_files_and_directories_are_extracted()
    {
        await ExtractAsync(TarGz(new PaxTarEntry(TarEntryType.Directory, "dir/"), File("dir/a.yaml", "a"), File("b.yaml", "b")));

        Assert.Equal("a", System.IO.File.ReadAllText(_dir.Combine("out", "dir", "a.yaml")));
        Assert.Equal("b", System.IO.File.ReadAllText(_dir.Combine("out", "b.yaml")));
    }

    public static TheoryData<string, string> EscapingEntries() => new()
    {
        { "../evil.yaml", "path contains '..'" },
        { "dir/../../evil.yaml", "path contains '..'" },
        { "/etc/evil.yaml", "absolute path" },
    };

    [Theory]
    [MemberData(nameof(EscapingEntries))]
    public async Task Entries_that_leave_the_destination_are_refused(string name, string why)
    {
        var error = await Assert.ThrowsAsync<SourceException>(() => ExtractAsync(TarGz(File(name))));

        Assert.Equal($"test.tar.gz: refusing to extract '{name}': {why}", error.Message);
        Assert.False(System.IO.File.Exists(_dir.Combine("evil.yaml")));
    }

    [Fact]
    public async Task Symlink_pointing_outside_is_refused()
    {
        var error = await Assert.ThrowsAsync<SourceException>(() => ExtractAsync(TarGz(Link("escape", "../../etc"))));

        Assert.Contains("refusing to extract 'escape'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Absolute_symlink_is_refused()
    {
        var error = await Assert.ThrowsAsync<SourceException>(() => ExtractAsync(TarGz(Link("etc", "/etc"))));

        Assert.Contains("symlink to absolute path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symlink_inside_the_destination_is_kept()
    {
        await ExtractAsync(TarGz(File("a.yaml", "a"), Link("b.yaml", "a.yaml")));

        Assert.Equal("a", System.IO.File.ReadAllText(_dir.Combine("out", "b.yaml")));
    }

    [Fact]
    public async Task Writing_through_a_preexisting_link_that_leaves_is_refused()
    {
        var outside = _dir.Combine("outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(_dir.Combine("out"));
        Directory.CreateSymbolicLink(_dir.Combine("out", "sub"), outside);

        var error = await Assert.ThrowsAsync<SourceException>(() => ExtractAsync(TarGz(File("sub/evil.yaml"))));

        Assert.Contains("link that leaves the destination", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(outside));
    }

    [Fact]
    public async Task Archives_over_the_size_limit_are_refused()
    {
        var error = await Assert.ThrowsAsync<SourceException>(() =>
            ExtractAsync(TarGz(File("a", new string('x', 600)), File("b", new string('x', 600))), new ExtractionLimits { MaxBytes = 1000 }));

        Assert.Contains("exceeds the 1000 byte limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archives_over_the_entry_limit_are_refused()
    {
        var error = await Assert.ThrowsAsync<SourceException>(() =>
            ExtractAsync(TarGz(File("a"), File("b"), File("c")), new ExtractionLimits { MaxEntries = 2 }));

        Assert.Contains("more than 2 entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hard_links_are_refused()
    {
        var error = await Assert.ThrowsAsync<SourceException>(() =>
            ExtractAsync(TarGz(File("a"), new PaxTarEntry(TarEntryType.HardLink, "b") { LinkName = "/etc/passwd" })));

        Assert.Contains("hard links", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_archive_is_a_clear_error()
    {
        var whole = TarGz(File("a.yaml", new string('a', 5000))).ToArray();

        var error = await Assert.ThrowsAsync<SourceException>(() => ExtractAsync(new MemoryStream(whole[..(whole.Length / 2)])));

        Assert.StartsWith("test.tar.gz: extracting the archive: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_directory_archives_to_a_valid_empty_tarball()
    {
        Directory.CreateDirectory(_dir.Combine("empty"));
        using var buffer = new MemoryStream();
        await ArtifactArchiver.WriteAsync(_dir.Combine("empty"), buffer, null, TestTimeout.Token);
        buffer.Position = 0;

        await ExtractAsync(buffer);

        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Combine("out")));
    }

    public void Dispose() => _dir.Dispose();
}
