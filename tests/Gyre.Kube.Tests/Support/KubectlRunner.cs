using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Gyre.Kube.Tests.Support;

/// <summary>The real kubectl, the second and independent client: what Gyre writes kubectl must read, and back.</summary>
public sealed class KubectlRunner(string kubeconfig, string home)
{
    public async Task<string> RunAsync(string? input, params string[] args)
    {
        var (exitCode, output, error) = await RunCoreAsync(input, args);
        Assert.True(exitCode == 0, $"kubectl {string.Join(' ', args)} failed ({exitCode}): {error}\n{output}");
        return output;
    }

    /// <summary>Runs kubectl and returns its standard output whatever its exit code (e.g. `auth can-i` exits 1 for "no").</summary>
    public async Task<string> RunAsyncAllowingFailure(string[] args) => (await RunCoreAsync(null, args)).Output;

    /// <summary>Runs kubectl expecting it to fail; returns its standard error and output.</summary>
    public async Task<string> RunAsyncWithErrorAsync(string[] args)
    {
        var (exitCode, output, error) = await RunCoreAsync(null, args);
        Assert.True(exitCode != 0, $"kubectl {string.Join(' ', args)} succeeded unexpectedly: {output}");
        return error + output;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunCoreAsync(string? input, string[] args)
    {
        var info = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(kubeconfig);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = home;
        info.Environment["KUBECACHEDIR"] = Path.Combine(home, "cache");
        info.Environment.Remove("KUBECONFIG");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

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

        return (process.ExitCode, await stdout, await stderr);
    }

    public async Task<JsonObject> GetJsonAsync(params string[] args) => JsonNode.Parse(await RunAsync(null, [.. args, "-o", "json"]))!.AsObject();
}
