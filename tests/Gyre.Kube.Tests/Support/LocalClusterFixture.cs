using System.Net;
using System.Net.Sockets;
using Gyre.Kube.Config;
using Gyre.LocalCluster;

namespace Gyre.Kube.Tests.Support;

/// <summary>
/// One local cluster (Gyre.LocalCluster over HTTPS with a generated CA and bearer tokens) shared by the
/// integration tests, on a fixed free port so a test can restart it at the same address; a fresh namespace per test.
/// </summary>
public sealed class LocalClusterFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gyre-kube-lc-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly int _port = FreePort();
    private LocalClusterServer? _server;

    public LocalClusterServer Server => _server ?? throw new InvalidOperationException("not started");

    public KubectlRunner Kubectl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await StartServerAsync();
        Kubectl = new KubectlRunner(_server.KubeconfigPath, Path.Combine(_dir, "home"));
    }

    /// <summary>Stops the API server and starts it again on the same port and data (watches must reconnect).</summary>
    public async Task RestartAsync()
    {
        await Server.DisposeAsync();
        _server = await StartServerAsync();
    }

    private Task<LocalClusterServer> StartServerAsync() =>
        LocalClusterServer.StartAsync(new LocalClusterOptions { DataDirectory = _dir, Port = _port, WatchCacheSize = 50, EnableWorkloadSimulator = false }, TestTimeout.Token);

    /// <summary>A client built the way a user's would be: from the cluster's kubeconfig file.</summary>
    public async Task<KubeClient> ClientAsync(KubeClientOptions? options = null, TimeProvider? timeProvider = null)
    {
        var sources = new KubeconfigSources(null, Server.KubeconfigPath, null);
        return await KubeClient.FromKubeconfigAsync(sources, new KubeContextOverrides(), options ?? new KubeClientOptions { Qps = 0 }, timeProvider, null, TestTimeout.Token);
    }

    public async Task<string> NamespaceAsync(string prefix)
    {
        var ns = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await Kubectl.RunAsync(null, "create", "namespace", ns);
        return ns;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalClusterFixture>
{
    public const string Name = "local cluster";
}
