using System.Diagnostics;

namespace Gyre.Cli.Tests;

/// <summary>Every environment of the shipped example fleet reaches Ready under `gyre up --once` (development is also covered from a fresh clone).</summary>
public sealed class ExampleFleetTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gyre-fleet-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("development")]
    [InlineData("staging")]
    [InlineData("production")]
    public async Task Gyre_up_once_brings_the_environment_to_ready(string environment)
    {
        var repository = Path.Combine(_dir, "fleet");
        Copy(Path.Combine(RepositoryRoot(), "examples", "fleet"), repository);
        Git(repository, "init", "-q", "--initial-branch=main");
        Git(repository, "add", "-A");
        Git(repository, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "fleet");

        var (code, output, error) = await CliRunner.RunAsync("up", repository, "--path", "clusters/" + environment, "--once", "--timeout", "3m", "--data", Path.Combine(_dir, "state"));

        Assert.True(code == 0, $"gyre up exited {code}\n{output}\n{error}");
        Assert.Contains("✔ Kustomization/flux-system/apps Ready", output, StringComparison.Ordinal);
        Assert.Contains("✔ HelmRelease/apps/redis Ready", output, StringComparison.Ordinal);
        Assert.Contains("✔ all 6 objects are Ready", output, StringComparison.Ordinal);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }

        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static void Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gyre.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
