using System.Text.Json.Nodes;
using Gyre.LocalCluster.Tests;

namespace Gyre.Kube.Tests.Support;

/// <summary>The real kubectl, the second and independent client: what Gyre writes kubectl must read, and back.</summary>
public sealed class KubectlRunner(string kubeconfig, string home)
{
    private readonly Kubectl _kubectl = new(kubeconfig, home);

    public async Task<string> RunAsync(string? input, params string[] args)
    {
        var result = await _kubectl.RunWithInputAsync(input, args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed ({result.ExitCode}): {result.Error}\n{result.Output}");
        return result.Output;
    }

    /// <summary>Runs kubectl and returns its standard output whatever its exit code (e.g. `auth can-i` exits 1 for "no").</summary>
    public async Task<string> RunAsyncAllowingFailure(string[] args) => (await _kubectl.RunAsync(args)).Output;

    /// <summary>Runs kubectl expecting it to fail; returns its standard error and output.</summary>
    public async Task<string> RunAsyncWithErrorAsync(string[] args)
    {
        var result = await _kubectl.RunAsync(args);
        Assert.True(result.ExitCode != 0, $"kubectl {string.Join(' ', args)} succeeded unexpectedly: {result.Output}");
        return result.Error + result.Output;
    }

    public async Task<JsonObject> GetJsonAsync(params string[] args) => JsonNode.Parse(await RunAsync(null, [.. args, "-o", "json"]))!.AsObject();
}
