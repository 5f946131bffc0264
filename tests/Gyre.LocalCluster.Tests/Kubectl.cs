using System.Diagnostics;
using System.Text;

namespace Gyre.LocalCluster.Tests;

/// <summary>
/// Runs the real kubectl binary against a local cluster, the way a user would, with a deadline. Also compiled into
/// Gyre.Kube.Tests (linked), where kubectl is the independent second client.
/// </summary>
public sealed class Kubectl
{
    private readonly string _kubeconfig;
    private readonly string _home;

    public Kubectl(string kubeconfig, string home)
    {
        _kubeconfig = kubeconfig;
        _home = home;
    }

    public async Task<KubectlResult> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<KubectlResult> RunWithInputAsync(string? input, params string[] args)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(_kubeconfig);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A private HOME and discovery cache per cluster: kubectl caches discovery for 10 minutes.
        info.Environment["HOME"] = _home;
        info.Environment["KUBECACHEDIR"] = Path.Combine(_home, "cache");
        info.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        // Closed either way, so a kubectl that reads stdin sees its end instead of the test host's.
        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish in 60s");
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running kubectl (a watch) and returns the process; the caller kills it.</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(_kubeconfig);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = _home;
        info.Environment["KUBECACHEDIR"] = Path.Combine(_home, "cache");
        return Process.Start(info)!;
    }
}

public sealed record KubectlResult(int ExitCode, string Output, string Error)
{
    public KubectlResult Ok()
    {
        Assert.True(ExitCode == 0, $"kubectl failed ({ExitCode}): {Error}\n{Output}");
        return this;
    }

    public KubectlResult Fails(string expectedError)
    {
        Assert.True(ExitCode != 0, $"kubectl unexpectedly succeeded: {Output}");
        Assert.Contains(expectedError, Error, StringComparison.Ordinal);
        return this;
    }
}
