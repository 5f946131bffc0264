using Gyre.ImageAutomation.Git;
using Gyre.ImageAutomation.Setters;
using Gyre.Sources.Git;

namespace Gyre.ImageAutomation.Tests.Git;

/// <summary>Whole runs against real bare repositories served over HTTP on 127.0.0.1: clone, set, commit, push.</summary>
[Collection(GitServerCollection.Name)]
public sealed class ImageUpdateRunnerTests(GitServerFixture git) : IDisposable
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: app
        spec:
          template:
            spec:
              containers:
              - name: app
                image: ghcr.io/acme/app:1.0.0 # {"$imagepolicy": "apps:app"}

        """;

    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _work = new();

    private ImageUpdateRunner Runner() => new(_work.Combine("work"), new SecretFileCache(_work.Combine("secrets")), new FixedTime(Now));

    private static AutomationRunRequest Request(string url, string tag, AutomationGitRequest? gitRequest = null) => new()
    {
        AutomationNamespace = "apps",
        AutomationName = "update",
        Git = gitRequest ?? new AutomationGitRequest { Url = url, Checkout = new GitReference { Branch = "main" }, AllowInsecureHttp = true },
        Policies = [new LatestImage("apps", "app", "ghcr.io/acme/app", tag)],
        AuthorName = "Flux Bot",
        AuthorEmail = "bot@example.com",
    };

    [Fact]
    public async Task The_pushed_commit_changes_exactly_the_tag_and_a_second_run_commits_nothing()
    {
        var (url, work) = git.Repository("exact", ("apps/app.yaml", Deployment), ("README.md", "hi\n"));
        using var _ = work;

        var first = await Runner().RunAsync(Request(url, "1.2.0"), null, CancellationToken.None);

        Assert.NotNull(first.Push);
        Assert.Equal("main", first.Push.Branch);
        Assert.Equal("Update from image update automation", first.CommitMessage);
        work.Git("fetch", "-q", "origin", "main");
        Assert.Equal(first.Push.Commit, work.Git("rev-parse", "FETCH_HEAD"));
        var diff = work.Git("diff", "-U0", "HEAD", "FETCH_HEAD");
        Assert.Equal(
            ["-        image: ghcr.io/acme/app:1.0.0 # {\"$imagepolicy\": \"apps:app\"}", "+        image: ghcr.io/acme/app:1.2.0 # {\"$imagepolicy\": \"apps:app\"}"],
            diff.Split('\n').Where(l => l.Length > 0 && l[0] is '-' or '+' && !l.StartsWith("---", StringComparison.Ordinal) && !l.StartsWith("+++", StringComparison.Ordinal)));
        Assert.Equal("Flux Bot <bot@example.com> 1796644800", work.Git("log", "-1", "--format=%an <%ae> %at", "FETCH_HEAD"));
        Assert.Equal($"main@sha1:{first.Push.Commit}", first.SourceRevision);

        var second = await Runner().RunAsync(Request(url, "1.2.0"), null, CancellationToken.None);

        Assert.Null(second.Push);
        Assert.False(second.Skipped);
        Assert.True(second.Changes.IsEmpty);
        Assert.Equal($"main@sha1:{first.Push.Commit}", second.SourceRevision);
        work.Git("fetch", "-q", "origin", "main");
        Assert.Equal(first.Push.Commit, work.Git("rev-parse", "FETCH_HEAD"));
    }

    [Fact]
    public async Task A_run_is_skipped_without_a_clone_only_while_the_source_and_the_policies_are_unchanged()
    {
        var (url, work) = git.Repository("skip", ("apps/app.yaml", Deployment));
        using var _ = work;
        var first = await Runner().RunAsync(Request(url, "1.2.0"), null, CancellationToken.None);
        var observed = new ObservedRun(first.SourceRevision, Request(url, "1.2.0").Policies);

        var unchanged = await Runner().RunAsync(Request(url, "1.2.0"), observed, CancellationToken.None);
        var newTag = await Runner().RunAsync(Request(url, "1.3.0"), observed, CancellationToken.None);
        work.Git("pull", "-q", "origin", "main");
        work.Write("README.md", "moved\n").Commit("someone else");
        work.Push();
        var moved = await Runner().RunAsync(Request(url, "1.3.0"), new ObservedRun(newTag.SourceRevision, Request(url, "1.3.0").Policies), CancellationToken.None);

        Assert.True(unchanged.Skipped);
        Assert.Equal(first.SourceRevision, unchanged.SourceRevision);
        Assert.False(newTag.Skipped);
        Assert.NotNull(newTag.Push);
        Assert.False(moved.Skipped);
        Assert.Null(moved.Push);
        Assert.Equal($"main@sha1:{work.Git("rev-parse", "HEAD")}", moved.SourceRevision);
        Assert.Empty(Directory.GetDirectories(_work.Combine("work")));
    }

    [Fact]
    public async Task A_different_push_branch_is_created_from_the_checkout_then_built_upon()
    {
        var (url, work) = git.Repository("branch", ("apps/app.yaml", Deployment));
        using var _ = work;
        var request = new AutomationGitRequest { Url = url, Checkout = new GitReference { Branch = "main" }, PushBranch = "auto", AllowInsecureHttp = true };

        var first = await Runner().RunAsync(Request(url, "1.1.0", request), null, CancellationToken.None);
        var second = await Runner().RunAsync(Request(url, "1.2.0", request), null, CancellationToken.None);

        work.Git("fetch", "-q", "origin", "main", "auto");
        Assert.Equal(work.Git("rev-parse", "HEAD"), work.Git("rev-parse", "origin/main"));
        Assert.Equal(first.Push!.Commit, work.Git("rev-parse", second.Push!.Commit + "^"));
        Assert.Equal(work.Git("rev-parse", "HEAD"), work.Git("rev-parse", first.Push.Commit + "^"));
        Assert.Contains("ghcr.io/acme/app:1.2.0", work.Git("show", "origin/auto:apps/app.yaml"), StringComparison.Ordinal);
        Assert.Equal("pushed commit '" + second.Push.Commit[..7] + "' to branch 'auto'", second.Push.Summary);
    }

    [Fact]
    public async Task A_refspec_alone_is_pushed_with_the_push_options()
    {
        var (url, work) = git.Repository("refspec", ("apps/app.yaml", Deployment));
        using var _ = work;
        var hook = Path.Combine(git.Server.PathOf("refspec"), "hooks", "pre-receive");
        var seen = _work.Combine("options.txt");
        await File.WriteAllTextAsync(hook, $"#!/bin/sh\ni=0\nwhile [ $i -lt \"${{GIT_PUSH_OPTION_COUNT:-0}}\" ]; do eval \"echo \\$GIT_PUSH_OPTION_$i\" >> '{seen}'; i=$((i+1)); done\ncat >/dev/null\n");
        Shell.Run(null, "chmod", "+x", hook);
        var request = new AutomationGitRequest
        {
            Url = url, Checkout = new GitReference { Branch = "main" }, PushRefspec = "refs/heads/main:refs/heads/review", AllowInsecureHttp = true,
            PushOptions = new Dictionary<string, string> { ["ci.skip"] = "", ["merge_request.create"] = "true" },
        };

        var result = await Runner().RunAsync(Request(url, "1.3.0", request), null, CancellationToken.None);

        // Only a refspec: it alone is pushed (main stays where it was).
        Assert.Equal((null, "refs/heads/main:refs/heads/review"), (result.Push!.Branch, result.Push.Refspec));
        Assert.Equal(work.Git("rev-parse", "HEAD"), work.Git("ls-remote", "origin", "refs/heads/main").Split('\t')[0]);
        work.Git("fetch", "-q", "origin", "review");
        Assert.Equal(result.Push.Commit, work.Git("rev-parse", "FETCH_HEAD"));
        Assert.Equal(["ci.skip", "merge_request.create=true"], await File.ReadAllLinesAsync(seen));
    }

    [Fact]
    public async Task A_push_rejected_because_the_branch_moved_says_so_and_is_retried()
    {
        var (url, work) = git.Repository("moved", ("apps/app.yaml", Deployment));
        using var _ = work;
        using var checkout = await AutomationCheckout.CloneAsync(Request(url, "x").Git, _work.Combine("work"), new SecretFileCache(_work.Combine("s")), CancellationToken.None);
        await SetterUpdate.ApplyAsync(checkout.WorkTree, null, [new LatestImage("apps", "app", "ghcr.io/acme/app", "2.0.0")], CancellationToken.None);
        var commit = await checkout.CommitAsync(["apps/app.yaml"], new CommitSignature("bot", "bot@example.com", Now), "update", null, CancellationToken.None);
        work.Write("other.txt", "someone else\n").Commit("concurrent");
        work.Push();

        var error = await Assert.ThrowsAsync<ImageAutomationException>(() => checkout.PushAsync(commit!, CancellationToken.None));

        Assert.Equal(ImageAutomationReasons.GitOperationFailed, error.Reason);
        Assert.True(error.IsTransient);
        Assert.Contains($"the branch moved to '{work.Git("rev-parse", "--short=7", "HEAD")}' since the clone (not a fast-forward)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tag_checkout_without_a_push_branch_is_an_invalid_source_configuration()
    {
        var (url, work) = git.Repository("tagged", ("apps/app.yaml", Deployment));
        using var _ = work;
        work.Git("tag", "v1");
        work.Push("refs/tags/v1:refs/tags/v1");
        var request = new AutomationGitRequest { Url = url, Checkout = new GitReference { Tag = "v1" }, AllowInsecureHttp = true };

        var error = await Assert.ThrowsAsync<ImageAutomationException>(() => Runner().RunAsync(Request(url, "1.2.0", request), null, CancellationToken.None));

        Assert.Equal(ImageAutomationReasons.InvalidSourceConfiguration, error.Reason);
        Assert.Contains("set spec.git.push.branch", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Dispose();

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
