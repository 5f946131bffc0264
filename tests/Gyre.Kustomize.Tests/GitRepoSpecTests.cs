using Gyre.Kustomize.Remote;

namespace Gyre.Kustomize.Tests;

/// <summary>Remote URL forms, split as kustomize v5 splits them (api/internal/git repospec tests and docs/remoteBuild).</summary>
public sealed class GitRepoSpecTests
{
    [Theory]
    [InlineData("github.com/org/repo/deploy/prod?ref=v1", "https://github.com/", "org/repo", "deploy/prod", "v1")]
    [InlineData("https://github.com/org/repo//deploy", "https://github.com/", "org/repo", "deploy", "")]
    [InlineData("git@github.com:org/repo.git/deploy", "git@github.com:", "org/repo.git", "/deploy", "")]
    [InlineData("ssh://git@github.com/org/repo?ref=main", "git@github.com:", "org/repo", "", "main")]
    [InlineData("https://example.com/org/repo.git//sub?version=v2", "https://example.com/", "org/repo.git", "sub", "v2")]
    [InlineData("https://example.com/org/repo?version=v2&ref=v3", "https://example.com/", "org/repo", "", "v3")]
    [InlineData("https://dev.azure.com/org/project/_git/repo/path/to", "https://dev.azure.com/", "org/project/_git/repo", "path/to", "")]
    [InlineData("ssh://git@example.com:2222/org/repo//x", "ssh://git@example.com:2222/", "org/repo", "x", "")]
    [InlineData("git@gitlab.com:org/repo//x", "git@gitlab.com:", "org/repo", "x", "")]
    [InlineData("file:///srv/git/repo", "file://", "/srv/git/repo", "", "")]
    [InlineData("file:///srv/git/repo.git/deploy?ref=main", "file://", "/srv/git/repo.git", "/deploy", "main")]
    [InlineData("git::https://gitlab.com/org/repo//x?ref=v1", "https://gitlab.com/", "org/repo", "x", "v1")]
    public void Splits_host_repository_root_and_ref(string entry, string host, string repoPath, string kustRoot, string reference)
    {
        Assert.True(GitRepoSpec.TryParse(entry, out var spec, out var error), error);
        Assert.Equal(host, spec!.Host);
        Assert.Equal(repoPath, spec.RepoPath);
        Assert.Equal(kustRoot.TrimStart('/'), spec.KustRootPath);
        Assert.Equal(reference, spec.Ref);
        Assert.Equal(host + repoPath, spec.CloneUrl);
        Assert.Equal(entry.StartsWith("git::", StringComparison.Ordinal), spec.HadForcedGitPrefix);
    }

    [Theory]
    [InlineData("../base")]
    [InlineData("base/overlay")]
    [InlineData("/srv/kustomizations/base")]
    [InlineData("example.com/org/repo")]
    [InlineData("https://example.com/org")]
    [InlineData("https://example.com/org/repo//../escape")]
    public void Local_paths_and_malformed_urls_are_not_repositories(string entry)
    {
        Assert.False(GitRepoSpec.TryParse(entry, out var spec, out var error));
        Assert.Null(spec);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Theory]
    [InlineData("", 27, true)]
    [InlineData("timeout=61", 61, true)]
    [InlineData("timeout=1m30s", 90, true)]
    [InlineData("timeout=-5&submodules=false", 27, false)]
    [InlineData("submodules=0", 27, false)]
    [InlineData("submodules=maybe", 27, true)]
    public void Reads_timeout_and_submodules_from_the_query(string query, int seconds, bool submodules)
    {
        Assert.True(GitRepoSpec.TryParse("https://example.com/org/repo?" + query, out var spec, out _));
        Assert.Equal(TimeSpan.FromSeconds(seconds), spec!.Timeout);
        Assert.Equal(submodules, spec.Submodules);
    }
}
