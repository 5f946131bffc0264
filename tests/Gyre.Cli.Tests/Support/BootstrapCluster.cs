using System.Text.Json.Nodes;
using Gyre.Controllers;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.LocalCluster;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gyre.Cli.Tests.Support;

/// <summary>
/// A cluster `gyre bootstrap git` can target: the local cluster (its workload simulator makes the installed
/// Deployment ready) with Gyre's controllers running in-process, standing in for the Deployment's pods.
/// </summary>
internal sealed class BootstrapCluster : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly LocalClusterServer _cluster;
    private readonly Task _run;

    private BootstrapCluster(LocalClusterServer cluster, KubeClient client, CancellationTokenSource stop, Task run)
    {
        _cluster = cluster;
        Client = client;
        _stop = stop;
        _run = run;
    }

    public string Kubeconfig => _cluster.KubeconfigPath;

    public KubeClient Client { get; }

    public static async Task<BootstrapCluster> StartAsync(string directory)
    {
        var cluster = await LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = Path.Combine(directory, "cluster"), SimulatorDelay = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);
        var client = await KubeClient.FromKubeconfigAsync(new KubeconfigSources(cluster.KubeconfigPath, null, null), new KubeContextOverrides(), null, null, null, CancellationToken.None);
        var controllers = new GyreControllers(client, new GyreControllersOptions
        {
            StoragePath = Path.Combine(directory, "storage"),
            WorkDirectory = Path.Combine(directory, "work"),
            PollInterval = TimeSpan.FromMilliseconds(200),
        }, NullLoggerFactory.Instance, TimeProvider.System);
        var stop = new CancellationTokenSource();
        var run = controllers.RunAsync(stop.Token);
        await controllers.Started.WaitAsync(TimeSpan.FromSeconds(60));
        return new BootstrapCluster(cluster, client, stop, run);
    }

    public async Task<JsonObject?> GetAsync(string apiVersion, string kind, string ns, string name)
    {
        var resource = await Client.ForKindAsync(apiVersion, kind, CancellationToken.None);
        try
        {
            return await resource.GetAsync(ns, name, CancellationToken.None);
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
        }

        Client.Dispose();
        await _cluster.DisposeAsync();
        _stop.Dispose();
    }
}
