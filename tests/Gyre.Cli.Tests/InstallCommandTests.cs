using System.Text.Json.Nodes;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.Kube.Dynamic;
using Gyre.LocalCluster;
using Gyre.Manifests;

namespace Gyre.Cli.Tests;

/// <summary>install, check and uninstall on a fresh local cluster (the workload simulator makes the Deployment ready).</summary>
public sealed class InstallCommandTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gyre-cli-install-").FullName;
    private LocalClusterServer? _server;

    private string Kubeconfig => _server!.KubeconfigPath;

    public async Task InitializeAsync() =>
        _server = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = Path.Combine(_dir, "cluster"), SimulatorDelay = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);

    [Fact]
    public async Task Check_pre_passes_on_a_supported_Kubernetes_version()
    {
        var (code, _, error) = await CliRunner.RunAsync("check", "--pre", "--kubeconfig", Kubeconfig);

        Assert.True(code == 0, error);
        Assert.Contains("✔ Kubernetes v1.32.0-gyre >=1.32.0", error, StringComparison.Ordinal);
        Assert.Contains("✔ prerequisites checks passed", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_before_install_fails_and_says_to_install()
    {
        var (code, _, error) = await CliRunner.RunAsync("check", "--kubeconfig", Kubeconfig);

        Assert.Equal(1, code);
        Assert.Contains("no controller found in namespace flux-system", error, StringComparison.Ordinal);
        Assert.Contains("✗ kustomizations.kustomize.toolkit.fluxcd.io: not installed; install the CRDs with `gyre install`", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Install_applies_what_export_prints_then_check_passes_and_uninstall_removes_it()
    {
        var export = await CliRunner.RunAsync("install", "--export");
        var install = await CliRunner.RunAsync("install", "--kubeconfig", Kubeconfig);
        var check = await CliRunner.RunAsync("check", "--kubeconfig", Kubeconfig);

        Assert.True(export.Code == 0, export.Error);
        var objects = KubeObject.ParseStream(export.Output);
        Assert.Equal(13, objects.Count(o => o.Kind == "CustomResourceDefinition")); // 9 + Bucket + the three image kinds
        Assert.Contains(objects, o => o.Kind == "Deployment" && o.Name == "gyre-controller");
        Assert.Contains(objects, o => o.Kind == "Service" && o.Name == "source-controller");
        Assert.True(install.Code == 0, install.Error);
        Assert.Contains("✔ gyre-controller: deployment ready", install.Error, StringComparison.Ordinal);
        Assert.True(check.Code == 0, check.Error);
        Assert.Contains("✔ all checks passed", check.Error, StringComparison.Ordinal);

        // The exported manifests apply cleanly again through a server-side dry run.
        using var client = await KubeClient.FromKubeconfigAsync(new KubeconfigSources(Kubeconfig, null, null), new KubeContextOverrides(), null, null, null, CancellationToken.None);
        foreach (var obj in objects)
        {
            var resource = await client.ForObjectAsync(obj.Json, CancellationToken.None);
            await resource.ApplyAsync(obj.Json, new WriteOptions { FieldManager = "gyre", DryRun = true }, CancellationToken.None);
        }

        var uninstall = await CliRunner.RunAsync("uninstall", "--silent", "--kubeconfig", Kubeconfig);
        Assert.True(uninstall.Code == 0, uninstall.Error);
        var crds = await client.ForKindAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", CancellationToken.None);
        var remaining = (await crds.ListAsync(null, null, CancellationToken.None)).Items.Select(c => (string?)c["metadata"]!["name"]);
        Assert.DoesNotContain(remaining, n => n!.EndsWith(".toolkit.fluxcd.io", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
    }
}
