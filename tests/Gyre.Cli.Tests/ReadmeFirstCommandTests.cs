using Gyre.Cli.Tests.Support;

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
        await TestProcess.RunAsync(TestProcess.RepositoryRoot(), "git", Deadline, "clone", "-q", "--no-hardlinks", TestProcess.RepositoryRoot(), clone);
        var (code, output, error) = await TestProcess.RunAsync(clone, Path.Combine(clone, "gyre"), Deadline, "up", "--once", "--data", Path.Combine(_dir, "state"));
        Assert.True(code == 0, $"gyre up --once exited {code}\n{output}\n{error}");
        Assert.Contains("✔ Kustomization/flux-system/apps Ready", output, StringComparison.Ordinal);
        Assert.Contains("✔ HelmRelease/apps/redis Ready", output, StringComparison.Ordinal);
        Assert.Contains("✔ all 6 objects are Ready", output, StringComparison.Ordinal);
    }
}
