using Gyre.Sources.Artifacts;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Artifacts;

/// <summary>Consumers download artifacts from the artifact server, verify the digest and unpack them.</summary>
public sealed class ArtifactFetcherTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _dir = new();
    private ArtifactStore _store = null!;
    private ArtifactServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        // The store advertises the server's real address, as --storage-adv-addr would.
        var probe = new ArtifactStore(_dir.Combine("store"), "http://unused", TimeProvider.System);
        _server = await ArtifactServer.StartAsync(probe, "http://127.0.0.1:0", TestTimeout.Token);
        _store = new ArtifactStore(_dir.Combine("store"), _server.Address.ToString(), TimeProvider.System);
        _http = new HttpClient();
    }

    private async Task<Artifact> StoreTreeAsync()
    {
        var tree = _dir.Combine("tree");
        Directory.CreateDirectory(Path.Combine(tree, "apps"));
        File.WriteAllText(Path.Combine(tree, "apps", "app.yaml"), "kind: ConfigMap\n");
        return await _store.ArchiveAsync(new ArtifactKey("GitRepository", "default", "app"), "abc.tar.gz", "main@sha1:abc", tree, null, null, TestTimeout.Token);
    }

    [Fact]
    public async Task Served_artifact_is_downloaded_verified_and_unpacked()
    {
        var artifact = await StoreTreeAsync();

        await new ArtifactFetcher(_http, TimeProvider.System).FetchAsync(artifact, _dir.Combine("out"), ExtractionLimits.Default, TestTimeout.Token);

        Assert.Equal("kind: ConfigMap\n", File.ReadAllText(_dir.Combine("out", "apps", "app.yaml")));
    }

    [Fact]
    public async Task Digest_mismatch_is_refused()
    {
        var artifact = await StoreTreeAsync() with { Digest = "sha256:" + new string('0', 64) };

        var error = await Assert.ThrowsAsync<SourceException>(() =>
            new ArtifactFetcher(_http, TimeProvider.System).FetchAsync(artifact, _dir.Combine("out"), ExtractionLimits.Default, TestTimeout.Token));

        Assert.Contains("status.artifact says sha256:000", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.Combine("out")));
    }

    [Fact]
    public async Task Missing_artifact_is_transient_so_consumers_requeue()
    {
        var artifact = await StoreTreeAsync() with { Path = "gitrepository/default/app/missing.tar.gz" };
        artifact = artifact with { Url = _server.Address + artifact.Path };

        var error = await Assert.ThrowsAsync<SourceException>(() =>
            new ArtifactFetcher(_http, TimeProvider.System).FetchAsync(artifact, _dir.Combine("out"), ExtractionLimits.Default, TestTimeout.Token));

        Assert.Equal(ArtifactFetcher.ArtifactFailed, error.Reason);
        Assert.True(error.IsTransient);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    public void Dispose() => _dir.Dispose();
}
