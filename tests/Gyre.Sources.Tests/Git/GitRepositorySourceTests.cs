using Gyre.Sources.Artifacts;
using Gyre.Sources.Git;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Git;

/// <summary>GitRepository fetches over git's smart HTTP protocol, served by the real git http-backend.</summary>
public sealed class GitRepositorySourceTests(GitHttpFixture fixture) : IClassFixture<GitHttpFixture>, IDisposable
{
    private readonly SourceHarness _harness = new();

    private GitHttpServer Server => fixture.Server;

    private (string Url, GitWorkTree Work) NewRepository()
    {
        var name = "repo-" + Guid.NewGuid().ToString("N")[..8];
        var url = Server.CreateRepository(name);
        return (url, new GitWorkTree(Server.PathOf(name)));
    }

    private GitRepositoryRequest Request(string url, GitReference? reference = null) => new()
    {
        Key = SourceHarness.Key(),
        Url = url,
        Reference = reference ?? new GitReference { Branch = "main" },
        AllowInsecureHttp = true,
    };

    [Fact]
    public async Task Branch_ref_produces_an_artifact_with_flux_revision_path_and_digest()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        work.Write("deploy/app.yaml", "kind: ConfigMap\n");
        var commit = work.Commit("first");
        work.Push();

        var result = await _harness.Git.ReconcileAsync(Request(url), TestTimeout.Token);

        Assert.True(result.Changed);
        Assert.Equal($"main@sha1:{commit}", result.Artifact.Revision);
        Assert.Equal($"gitrepository/default/app/{commit}.tar.gz", result.Artifact.Path);
        Assert.Equal($"http://gyre.test/gitrepository/default/app/{commit}.tar.gz", result.Artifact.Url);
        Assert.Matches("^sha256:[0-9a-f]{64}$", result.Artifact.Digest);
        Assert.Equal(new FileInfo(_harness.Store.LocalPath(result.Artifact.Path)).Length, result.Artifact.Size);
        Assert.Equal(_harness.Time.GetUtcNow(), result.Artifact.LastUpdateTime);
        var files = await _harness.FilesOfAsync(result.Artifact);
        Assert.Equal(["deploy/app.yaml"], files.Keys);
    }

    [Fact]
    public async Task Unchanged_remote_costs_one_request_and_writes_nothing()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        work.Write("a.yaml", "a: 1\n");
        work.Commit("first");
        work.Push();
        var first = await _harness.Git.ReconcileAsync(Request(url), TestTimeout.Token);
        var before = Snapshot(_harness.Store.Root);
        var requests = Server.Requests;

        var second = await _harness.Git.ReconcileAsync(
            Request(url) with { CurrentArtifact = first.Artifact, ObservedContentConfig = first.ContentConfig }, TestTimeout.Token);

        Assert.False(second.Changed);
        Assert.Same(first.Artifact, second.Artifact);
        Assert.Equal(1, Server.Requests - requests);
        Assert.Equal(before, Snapshot(_harness.Store.Root));
        Assert.False(Directory.Exists(_harness.WorkDirectory) && Directory.EnumerateFileSystemEntries(_harness.WorkDirectory).Any());
    }

    [Fact]
    public async Task Changed_ignore_rules_rebuild_even_when_the_revision_is_unchanged()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        work.Write("a.yaml", "a\n").Write("b.yaml", "b\n");
        work.Commit("first");
        work.Push();
        var first = await _harness.Git.ReconcileAsync(Request(url), TestTimeout.Token);

        var second = await _harness.Git.ReconcileAsync(
            Request(url) with { CurrentArtifact = first.Artifact, ObservedContentConfig = first.ContentConfig, Ignore = "b.yaml" }, TestTimeout.Token);

        Assert.True(second.Changed);
        Assert.Equal(["a.yaml"], (await _harness.FilesOfAsync(second.Artifact)).Keys);
    }

    [Fact]
    public async Task New_artifacts_garbage_collect_old_ones_by_retention_records_and_ttl()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        GitRepositoryResult? last = null;
        for (var i = 0; i < 4; i++)
        {
            work.Write("v.txt", i.ToString());
            work.Commit($"c{i}");
            work.Push();
            last = await _harness.Git.ReconcileAsync(Request(url) with { CurrentArtifact = last?.Artifact, ObservedContentConfig = last?.ContentConfig }, TestTimeout.Token);
            _harness.Time.Advance(TimeSpan.FromSeconds(10));
        }

        var directory = Path.GetDirectoryName(_harness.Store.LocalPath(last!.Artifact.Path))!;
        Assert.Equal(2, Directory.GetFiles(directory).Length);
        Assert.True(_harness.Store.Exists(last.Artifact));

        _harness.Time.Advance(TimeSpan.FromMinutes(5));
        _harness.Store.GarbageCollect(last.Artifact);

        Assert.Equal([last.Artifact.FileName], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Annotated_tag_resolves_to_its_commit()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        var commit = work.Commit("release");
        work.Git("tag", "-a", "v1.0.0", "-m", "v1.0.0");
        work.Push();
        work.Push("refs/tags/v1.0.0");

        var result = await _harness.Git.ReconcileAsync(Request(url, new GitReference { Tag = "v1.0.0" }), TestTimeout.Token);

        Assert.Equal($"v1.0.0@sha1:{commit}", result.Artifact.Revision);
    }

    [Fact]
    public async Task Semver_range_picks_the_highest_matching_tag()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        string? expected = null;
        foreach (var tag in new[] { "v1.0.0", "v1.2.0", "v1.3.0-rc.1", "v2.0.0", "not-a-version" })
        {
            work.Write("version.txt", tag);
            var c = work.Commit(tag);
            work.Git("tag", tag);
            expected = tag == "v1.2.0" ? c : expected;
        }

        work.Push();
        work.Git("push", "-q", "origin", "--tags");

        var result = await _harness.Git.ReconcileAsync(Request(url, new GitReference { Semver = ">=1.0.0 <2.0.0" }), TestTimeout.Token);

        Assert.Equal($"v1.2.0@sha1:{expected}", result.Artifact.Revision);
        Assert.Equal("v1.2.0", (await _harness.FilesOfAsync(result.Artifact))["version.txt"]);
    }

    [Fact]
    public async Task Name_ref_fetches_a_pull_request_head_and_keeps_the_full_ref_in_the_revision()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        work.Commit("main");
        work.Push();
        work.Write("pr.txt", "change");
        var pr = work.Commit("pr");
        work.Push("HEAD:refs/pull/1/head");

        var result = await _harness.Git.ReconcileAsync(Request(url, new GitReference { Name = "refs/pull/1/head" }), TestTimeout.Token);

        Assert.Equal($"refs/pull/1/head@sha1:{pr}", result.Artifact.Revision);
        Assert.True((await _harness.FilesOfAsync(result.Artifact)).ContainsKey("pr.txt"));
    }

    [Fact]
    public async Task Commit_ref_checks_out_an_older_commit()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        work.Write("v.txt", "one");
        var old = work.Commit("one");
        work.Write("v.txt", "two");
        work.Commit("two");
        work.Push();

        var withBranch = await _harness.Git.ReconcileAsync(Request(url, new GitReference { Branch = "main", Commit = old }), TestTimeout.Token);
        var bare = await _harness.Git.ReconcileAsync(Request(url, new GitReference { Commit = old }), TestTimeout.Token);

        Assert.Equal($"main@sha1:{old}", withBranch.Artifact.Revision);
        Assert.Equal($"sha1:{old}", bare.Artifact.Revision);
        Assert.Equal("one", (await _harness.FilesOfAsync(bare.Artifact))["v.txt"]);
    }

    [Fact]
    public async Task Force_pushed_branch_yields_the_new_history()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        work.Write("v.txt", "before");
        work.Commit("before");
        work.Push();
        var first = await _harness.Git.ReconcileAsync(Request(url), TestTimeout.Token);
        work.Git("reset", "-q", "--hard", "HEAD");
        work.Git("checkout", "-q", "--orphan", "rewritten");
        work.Write("v.txt", "rewritten");
        var rewritten = work.Commit("rewritten");
        work.Push("HEAD:refs/heads/main", force: true);

        var second = await _harness.Git.ReconcileAsync(
            Request(url) with { CurrentArtifact = first.Artifact, ObservedContentConfig = first.ContentConfig }, TestTimeout.Token);

        Assert.True(second.Changed);
        Assert.Equal($"main@sha1:{rewritten}", second.Artifact.Revision);
        Assert.Equal("rewritten", (await _harness.FilesOfAsync(second.Artifact))["v.txt"]);
    }

    [Fact]
    public async Task Deleted_tag_fails_with_a_clear_error_and_keeps_the_last_artifact()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        work.Commit("release");
        work.Git("tag", "v1");
        work.Push();
        work.Push("refs/tags/v1");
        var first = await _harness.Git.ReconcileAsync(Request(url, new GitReference { Tag = "v1" }), TestTimeout.Token);
        work.Git("push", "-q", "origin", ":refs/tags/v1");

        var error = await Assert.ThrowsAsync<SourceException>(() => _harness.Git.ReconcileAsync(
            Request(url, new GitReference { Tag = "v1" }) with { CurrentArtifact = first.Artifact }, TestTimeout.Token));

        Assert.Equal(SourceReasons.GitOperationFailed, error.Reason);
        Assert.Contains("tag 'v1' not found on the remote", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(url + ": ", error.Message, StringComparison.Ordinal);
        Assert.True(_harness.Store.Exists(first.Artifact));
    }

    [Fact]
    public async Task Ref_that_looks_like_an_option_is_refused_before_running_git()
    {
        var error = await Assert.ThrowsAsync<SourceException>(() => _harness.Git.ReconcileAsync(
            Request("http://127.0.0.1:1/x.git", new GitReference { Branch = "--upload-pack=touch /tmp/pwned" }), TestTimeout.Token));

        Assert.Contains("invalid spec.ref.branch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_is_refused_unless_allowed()
    {
        var error = await Assert.ThrowsAsync<SourceException>(() => _harness.Git.ReconcileAsync(
            Request("http://127.0.0.1:1/x.git") with { AllowInsecureHttp = false }, TestTimeout.Token));

        Assert.Equal(SourceReasons.InsecureConnectionsDisallowed, error.Reason);
    }

    [Fact]
    public async Task Password_in_the_url_is_refused_and_redacted()
    {
        var error = await Assert.ThrowsAsync<SourceException>(() => _harness.Git.ReconcileAsync(
            Request("https://user:hunter22@example.invalid/x.git"), TestTimeout.Token));

        Assert.Equal(SourceReasons.UrlInvalid, error.Reason);
        Assert.DoesNotContain("hunter22", error.Message, StringComparison.Ordinal);
    }

    private static SortedDictionary<string, DateTime> Snapshot(string root)
    {
        var files = new SortedDictionary<string, DateTime>(StringComparer.Ordinal);
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            files[entry] = File.GetLastWriteTimeUtc(entry);
        }

        return files;
    }

    public void Dispose() => _harness.Dispose();
}
