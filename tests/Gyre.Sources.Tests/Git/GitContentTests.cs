using Gyre.Sources.Git;
using Gyre.Sources.Tests.Infrastructure;

namespace Gyre.Sources.Tests.Git;

/// <summary>What ends up in a GitRepository artifact: ignore rules, include, sparse checkout and submodules.</summary>
public sealed class GitContentTests(GitHttpFixture fixture) : IClassFixture<GitHttpFixture>, IDisposable
{
    private readonly SourceHarness _harness = new();

    private (string Url, GitWorkTree Work) NewRepository()
    {
        var name = "repo-" + Guid.NewGuid().ToString("N")[..8];
        var url = fixture.Server.CreateRepository(name);
        return (url, new GitWorkTree(fixture.Server.PathOf(name)));
    }

    private static GitRepositoryRequest Request(string url, string name = "app") => new()
    {
        Key = SourceHarness.Key(name),
        Url = url,
        Reference = new GitReference { Branch = "main" },
        AllowInsecureHttp = true,
    };

    [Fact]
    public async Task Default_exclusions_and_sourceignore_files_keep_files_out_of_the_artifact()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        work.Write("deploy/app.yaml", "app")
            .Write(".github/workflows/ci.yaml", "ci")
            .Write("logo.png", "png")
            .Write(".gitignore", "bin/")
            .Write(".sourceignore", "*.md\n!KEEP.md\n")
            .Write("README.md", "readme")
            .Write("KEEP.md", "keep")
            .Write("deploy/.sourceignore", "secret.yaml\n")
            .Write("deploy/secret.yaml", "s")
            .Write("other/secret.yaml", "kept: the nested rule only applies below deploy/");
        work.Commit("tree");
        work.Push();

        var result = await _harness.Git.ReconcileAsync(Request(url), TestTimeout.Token);

        var files = (await _harness.FilesOfAsync(result.Artifact)).Keys.ToList();
        Assert.Equal([".sourceignore", "KEEP.md", "deploy/.sourceignore", "deploy/app.yaml", "other/secret.yaml"], files);
    }

    [Fact]
    public async Task Spec_ignore_replaces_the_default_exclusions()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        work.Write("logo.png", "png").Write("a.yaml", "a").Write("b/c.yaml", "c");
        work.Commit("tree");
        work.Push();

        var result = await _harness.Git.ReconcileAsync(Request(url) with { Ignore = "/b/\n" }, TestTimeout.Token);

        Assert.Equal(["a.yaml", "logo.png"], (await _harness.FilesOfAsync(result.Artifact)).Keys);
    }

    [Fact]
    public async Task Include_copies_another_artifact_into_a_sub_path()
    {
        var (libUrl, lib) = NewRepository();
        using var _ = lib;
        lib.Write("manifests/base.yaml", "base").Write("docs/x.txt", "x");
        lib.Commit("lib");
        lib.Push();
        var included = await _harness.Git.ReconcileAsync(Request(libUrl, "lib"), TestTimeout.Token);
        var (appUrl, app) = NewRepository();
        using var __ = app;
        app.Write("app.yaml", "app").Write("vendor/lib/stale.yaml", "replaced by the include");
        app.Commit("app");
        app.Push();
        var include = new GitInclude { RepositoryName = "lib", Artifact = included.Artifact, FromPath = "manifests", ToPath = "vendor/lib" };

        var result = await _harness.Git.ReconcileAsync(Request(appUrl) with { Include = [include] }, TestTimeout.Token);

        Assert.Equal(["app.yaml", "vendor/lib/base.yaml"], (await _harness.FilesOfAsync(result.Artifact)).Keys);
        Assert.Equal(result.ContentConfig, GitRepositorySource.ContentConfig(Request(appUrl) with { Include = [include] }));
        Assert.NotEqual(result.ContentConfig, GitRepositorySource.ContentConfig(Request(appUrl)));
        Assert.Equal([included.Artifact], result.IncludedArtifacts);
    }

    [Fact]
    public async Task Include_without_an_artifact_is_unavailable()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        work.Commit("x");
        work.Push();

        var error = await Assert.ThrowsAsync<SourceException>(() => _harness.Git.ReconcileAsync(
            Request(url) with { Include = [new GitInclude { RepositoryName = "missing" }] }, TestTimeout.Token));

        Assert.Equal("IncludeUnavailable", error.Reason);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Sparse_checkout_archives_only_the_listed_directories()
    {
        var (url, work) = NewRepository();
        using var _ = work;
        work.Write("clusters/prod/a.yaml", "a").Write("apps/b.yaml", "b").Write("other/c.yaml", "c").Write("root.yaml", "r");
        work.Commit("tree");
        work.Push();

        var result = await _harness.Git.ReconcileAsync(Request(url) with { SparseCheckout = ["clusters/prod", "apps"] }, TestTimeout.Token);

        // Cone mode always keeps files at the root, as git sparse-checkout does.
        Assert.Equal(["apps/b.yaml", "clusters/prod/a.yaml", "root.yaml"], (await _harness.FilesOfAsync(result.Artifact)).Keys);
    }

    [Fact]
    public async Task Recurse_submodules_brings_in_submodule_content()
    {
        var (subUrl, sub) = NewRepository();
        using var _ = sub;
        sub.Write("sub.yaml", "sub");
        sub.Commit("sub");
        sub.Push();
        var (url, work) = NewRepository();
        using var __ = work;
        work.Write("main.yaml", "main");
        work.Git("-c", "protocol.allow=always", "submodule", "add", "-q", subUrl, "modules/sub");
        work.Commit("with submodule");
        work.Push();

        var without = await _harness.Git.ReconcileAsync(Request(url), TestTimeout.Token);
        var with = await _harness.Git.ReconcileAsync(Request(url, "with") with { RecurseSubmodules = true }, TestTimeout.Token);

        Assert.Equal(["main.yaml"], (await _harness.FilesOfAsync(without.Artifact)).Keys);
        Assert.Equal(["main.yaml", "modules/sub/sub.yaml"], (await _harness.FilesOfAsync(with.Artifact)).Keys);
    }

    public void Dispose() => _harness.Dispose();
}
