using System.Diagnostics;

namespace Gyre.Cli.Tests;

/// <summary>`gyre up` refuses what it cannot serve before starting anything, with a message that says what to do.</summary>
public sealed class UpCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gyre-up-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_directory_that_is_not_a_git_repository_is_refused()
    {
        var (code, _, error) = await CliRunner.RunAsync("up", _dir, "--data", Path.Combine(_dir, ".state"), "--once");
        Assert.Equal(2, code);
        Assert.Contains("not a Git repository; run `git init` and commit your manifests", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repository_without_commits_is_refused()
    {
        Git("init", "-q", "--initial-branch=main");
        var (code, _, error) = await CliRunner.RunAsync("up", _dir, "--data", Path.Combine(_dir, ".state"), "--once");
        Assert.Equal(2, code);
        Assert.Contains("has no commits yet; commit your manifests first", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_missing_from_the_committed_tree_is_refused_even_if_it_exists_uncommitted()
    {
        Git("init", "-q", "--initial-branch=main");
        File.WriteAllText(Path.Combine(_dir, "README.md"), "x");
        Git("add", "README.md");
        Git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "init");
        Directory.CreateDirectory(Path.Combine(_dir, "clusters", "dev"));
        var (code, _, error) = await CliRunner.RunAsync("up", _dir, "--path", "clusters/dev", "--data", Path.Combine(_dir, ".state"), "--once");
        Assert.Equal(2, code);
        Assert.Contains("path 'clusters/dev' does not exist in the committed HEAD of branch main", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/etc")]
    public async Task A_path_outside_the_repository_is_refused(string path)
    {
        Git("init", "-q", "--initial-branch=main");
        Git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "init");
        var (code, _, error) = await CliRunner.RunAsync("up", _dir, "--path", path, "--data", Path.Combine(_dir, ".state"), "--once");
        Assert.Equal(2, code);
        Assert.Contains("must be relative to the repository root and stay inside it", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_timeout_is_a_usage_error()
    {
        var (code, _, error) = await CliRunner.RunAsync("up", _dir, "--timeout", "soon");
        Assert.NotEqual(0, code);
        Assert.Contains("--timeout 'soon' is not a duration", error, StringComparison.Ordinal);
    }

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _dir, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
