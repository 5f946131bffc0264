using System.Text.Json.Nodes;
using Gyre.LocalCluster;

namespace Gyre.Cli.Tests;

/// <summary>`gyre get` against a local cluster, with the cluster's kubeconfig as a user would pass it.</summary>
public sealed class GetCommandTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gyre-cli-get-" + Guid.NewGuid().ToString("N")[..8]);
    private LocalClusterServer? _server;

    public async Task InitializeAsync() =>
        _server = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = _dir, EnableWorkloadSimulator = false }, CancellationToken.None);

    [Fact]
    public async Task Lists_namespaces_through_the_kubeconfig_and_gets_one_by_name()
    {
        var list = await CliRunner.RunAsync("get", "object", "v1", "Namespace", "--kubeconfig", _server!.KubeconfigPath);
        var one = await CliRunner.RunAsync("get", "object", "v1", "Namespace", "default", "--kubeconfig", _server.KubeconfigPath);

        Assert.True(list.Code == 0, list.Error);
        var names = JsonNode.Parse(list.Output)!["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]);
        Assert.Contains("default", names);
        Assert.True(one.Code == 0, one.Error);
        Assert.Equal("Namespace", (string?)JsonNode.Parse(one.Output)!["kind"]);
    }

    [Fact]
    public async Task An_unknown_context_is_a_one_line_error_naming_the_defined_ones()
    {
        var result = await CliRunner.RunAsync("get", "object", "v1", "Namespace", "--kubeconfig", _server!.KubeconfigPath, "--context", "prod");

        Assert.NotEqual(0, result.Code);
        Assert.Equal($"error: {_server.KubeconfigPath}: contexts: context 'prod' not found; defined: gyre-local", result.Error.Trim());
    }

    [Fact]
    public async Task An_unknown_kind_says_to_install_its_CRD()
    {
        var result = await CliRunner.RunAsync("get", "object", "example.com/v1", "Widget", "--kubeconfig", _server!.KubeconfigPath);

        Assert.NotEqual(0, result.Code);
        Assert.Contains("no matches for kind \"Widget\" in version \"example.com/v1\"; install the CustomResourceDefinition", result.Error, StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
