using System.Security.Cryptography;
using System.Text;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Artifacts;

public sealed class ArtifactStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ArtifactStore _store;
    private readonly ArtifactKey _key = new("OCIRepository", "flux-system", "podinfo");

    public ArtifactStoreTests() => _store = new ArtifactStore(_dir.Combine("store"), "http://storage.test:9090/", _time);

    private Task<Artifact> StoreAsync(string file, string content) =>
        _store.StoreAsync(_key, file, "rev-" + file, null, (s, ct) => s.WriteAsync(Encoding.UTF8.GetBytes(content), ct).AsTask(), TestTimeout.Token);

    [Fact]
    public async Task Stored_artifact_has_flux_layout_url_digest_and_size()
    {
        var artifact = await StoreAsync("abc.tar.gz", "hello");

        Assert.Equal("ocirepository/flux-system/podinfo/abc.tar.gz", artifact.Path);
        Assert.Equal("http://storage.test:9090/ocirepository/flux-system/podinfo/abc.tar.gz", artifact.Url);
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData("hello"u8)), artifact.Digest);
        Assert.Equal(5, artifact.Size);
        Assert.Equal(_time.GetUtcNow(), artifact.LastUpdateTime);
        Assert.True(_store.Exists(artifact));
    }

    [Fact]
    public async Task Failed_write_leaves_no_file_and_the_previous_artifact_in_place()
    {
        var previous = await StoreAsync("old.tar.gz", "old");

        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.StoreAsync(_key, "new.tar.gz", "r", null,
            async (s, ct) =>
            {
                await s.WriteAsync("partial"u8.ToArray(), ct);
                throw new InvalidOperationException("fetch failed");
            }, TestTimeout.Token));

        Assert.True(_store.Exists(previous));
        Assert.Equal(["old.tar.gz"], Directory.EnumerateFiles(Path.GetDirectoryName(_store.LocalPath(previous.Path))!).Select(Path.GetFileName));
    }

    [Fact]
    public void Keys_that_could_escape_the_store_are_refused()
    {
        var error = Assert.Throws<SourceException>(() => new ArtifactKey("GitRepository", "..", "x").Validate());

        Assert.Equal(SourceReasons.InvalidPath, error.Reason);
        Assert.Throws<SourceException>(() => _store.LocalPath("../outside"));
    }

    [Fact]
    public async Task Garbage_collection_keeps_the_current_artifact_and_the_newest_records()
    {
        var names = new[] { "1.tar.gz", "2.tar.gz", "3.tar.gz", "4.tar.gz" };
        Artifact? last = null;
        foreach (var name in names)
        {
            last = await StoreAsync(name, name);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        var deleted = _store.GarbageCollect(last!, retentionRecords: 2, ttl: TimeSpan.FromHours(1));

        Assert.Equal(["ocirepository/flux-system/podinfo/1.tar.gz", "ocirepository/flux-system/podinfo/2.tar.gz"], deleted);
        Assert.True(_store.Exists(last!));
    }

    [Fact]
    public async Task Garbage_collection_deletes_everything_but_the_current_artifact_after_the_ttl()
    {
        await StoreAsync("1.tar.gz", "1");
        var current = await StoreAsync("2.tar.gz", "2");
        _time.Advance(TimeSpan.FromMinutes(2));

        var deleted = _store.GarbageCollect(current, retentionRecords: 2, ttl: TimeSpan.FromMinutes(1));

        Assert.Equal(["ocirepository/flux-system/podinfo/1.tar.gz"], deleted);
        Assert.True(_store.Exists(current));
    }

    [Fact]
    public async Task Latest_symlink_points_at_the_current_artifact()
    {
        var artifact = await StoreAsync("abc.tar.gz", "hello");

        var url = _store.Symlink(artifact, "latest.tar.gz");

        Assert.Equal("http://storage.test:9090/ocirepository/flux-system/podinfo/latest.tar.gz", url);
        Assert.Equal("hello", File.ReadAllText(Path.Combine(Path.GetDirectoryName(_store.LocalPath(artifact.Path))!, "latest.tar.gz")));
    }

    [Fact]
    public async Task Server_serves_artifacts_whose_digest_matches_and_nothing_outside_the_store()
    {
        var artifact = await StoreAsync("abc.tar.gz", "served content");
        File.WriteAllText(_dir.Combine("secret.txt"), "outside");
        await using var server = await ArtifactServer.StartAsync(_store, "http://127.0.0.1:0", TestTimeout.Token);
        using var http = new HttpClient { BaseAddress = server.Address };

        var bytes = await http.GetByteArrayAsync(artifact.Path);
        var outside = await http.GetAsync("..%2Fsecret.txt");
        var missing = await http.GetAsync("ocirepository/flux-system/podinfo/none.tar.gz");

        Assert.Equal(artifact.Digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Server_answers_HEAD_with_the_headers_and_other_methods_with_405()
    {
        var artifact = await StoreAsync("abc.tar.gz", "served content");
        await using var server = await ArtifactServer.StartAsync(_store, "http://127.0.0.1:0", TestTimeout.Token);
        using var http = new HttpClient { BaseAddress = server.Address };

        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, artifact.Path), TestTimeout.Token);
        using var post = await http.PostAsync(artifact.Path, new StringContent("x"), TestTimeout.Token);

        Assert.Equal(System.Net.HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/gzip", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(artifact.Size, head.Content.Headers.ContentLength);
        Assert.NotNull(head.Content.Headers.LastModified);
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    public void Dispose() => _dir.Dispose();
}
