using System.Diagnostics;

namespace Gyre.Cli.Tests;

/// <summary>
/// The README's first command, as a user runs it: a fresh clone of this repository, then `./gyre up --once`, which
/// builds the CLI through the launcher and reconciles the example fleet from Git until everything is Ready.
/// </summary>
public sealed class ReadmeFirstCommandTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(20);
    private readonly string _dir = Directory.CreateTempSubdirectory("gyre-fresh-clone-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_fresh_clone_runs_gyre_up_on_the_example_fleet_to_ready()
    {
        var clone = Path.Combine(_dir, "gyre");
        await RunAsync(RepositoryRoot(), "git", "clone", "-q", "--no-hardlinks", RepositoryRoot(), clone);
        var (code, output, error) = await RunAsync(clone, Path.Combine(clone, "gyre"), "up", "--once", "--data", Path.Combine(_dir, "state"));
        Assert.True(code == 0, $"gyre up --once exited {code}\n{output}\n{error}");
        Assert.Contains("✔ Kustomization/flux-system/apps Ready", output, StringComparison.Ordinal);
        Assert.Contains("✔ HelmRelease/apps/redis Ready", output, StringComparison.Ordinal);
        Assert.Contains("✔ all 6 objects are Ready", output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string directory, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
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
