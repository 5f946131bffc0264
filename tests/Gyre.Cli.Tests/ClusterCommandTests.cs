using System.Diagnostics;

namespace Gyre.Cli.Tests;

/// <summary>`gyre cluster start` as a user runs it: a foreground process that prints one ready line and stops on SIGTERM.</summary>
public sealed class ClusterCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gyre-cli-cluster-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Help_shows_an_example()
    {
        var (code, output, _) = await CliRunner.RunAsync("cluster", "start", "--help");
        Assert.Equal(0, code);
        Assert.Contains("gyre cluster start --data", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_serves_kubectl_stops_on_sigterm_and_keeps_data_across_a_kill_9()
    {
        using (var first = StartCluster())
        {
            var ready = await ReadyLineAsync(first);
            Assert.Contains("local cluster ready at https://127.0.0.1:", ready, StringComparison.Ordinal);
            Assert.Equal(0, (await KubectlAsync("create", "configmap", "survivor", "--from-literal=a=1")).Code);

            // kill -9: no clean shutdown; the acknowledged write must still be there on restart.
            first.Kill();
            await first.WaitForExitAsync();
        }

        using var second = StartCluster();
        await ReadyLineAsync(second);
        var (code, output) = await KubectlAsync("get", "configmap", "survivor", "-o", "jsonpath={.data.a}");
        Assert.Equal(0, code);
        Assert.Equal("1", output);

        using (var term = Process.Start("kill", ["-TERM", second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await second.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("local cluster stopped", await second.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Process StartCluster()
    {
        var gyre = Path.Combine(AppContext.BaseDirectory, "gyre.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { gyre, "cluster", "start", "--data", _dir, "--port", "0" })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static async Task<string> ReadyLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.NotNull(line);
        return line;
    }

    private async Task<(int Code, string Output)> KubectlAsync(params string[] args)
    {
        var info = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(Path.Combine(_dir, "kubeconfig"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = Path.Combine(_dir, "home");
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, output);
    }
}
