using System.Text.Json.Nodes;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.LocalCluster;
using Gyre.Manifests;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Tests.Support;

/// <summary>
/// The end-to-end rig: a local cluster (workload simulator on), a git smart-HTTP server with real bare repositories,
/// and Gyre's controllers running against the cluster with short poll intervals. Each test works in its own namespace
/// and repository.
/// </summary>
public class ControllersFixture : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly CancellationTokenSource _stop = new();
    private LocalClusterServer? _cluster;
    private Task? _run;
    private ILoggerFactory? _loggers;

    public TestLogs Logs { get; } = new();

    public GitHttpServer Git { get; private set; } = null!;

    public KubectlRunner Kubectl { get; private set; } = null!;

    public KubeClient Client { get; private set; } = null!;

    public GyreControllers Controllers { get; private set; } = null!;

    public LocalClusterServer Cluster => _cluster!;

    public async Task InitializeAsync()
    {
        _cluster = await LocalClusterServer.StartAsync(
            new LocalClusterOptions { DataDirectory = _dir.Combine("cluster"), SimulatorDelay = TimeSpan.FromMilliseconds(100) }, CancellationToken.None);
        Kubectl = new KubectlRunner(_cluster.KubeconfigPath, _dir.Combine("home"));
        Git = await GitHttpServer.StartAsync();
        Client = await KubeClient.FromKubeconfigAsync(new KubeconfigSources(null, _cluster.KubeconfigPath, null), new KubeContextOverrides(),
            new KubeClientOptions { Qps = 0 }, null, null, CancellationToken.None);
        await LocalClusterCrds.InstallAsync(Client, CancellationToken.None);
        _loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Controllers = new GyreControllers(Client, Configure(new GyreControllersOptions
        {
            AllowInsecureHttp = true, // the test Git server speaks http on 127.0.0.1
            StoragePath = _dir.Combine("storage"),
            WorkDirectory = _dir.Combine("work"),
            MetricsAddress = "http://127.0.0.1:0",
            HealthAddress = "http://127.0.0.1:0",
            PollInterval = TimeSpan.FromMilliseconds(200),
            RequeueDependency = TimeSpan.FromMinutes(5),
            InstallCrds = false,
            Controllers = new HashSet<string>(StringComparer.Ordinal) { GyreControllersOptions.Source, GyreControllersOptions.Kustomize, GyreControllersOptions.Helm, GyreControllersOptions.Notification,
                GyreControllersOptions.ImageReflector, GyreControllersOptions.ImageAutomation },
            ReceiverAddress = "http://127.0.0.1:0",
        }), _loggers, TimeProvider.System);
        _run = Controllers.RunAsync(_stop.Token);
        await Controllers.Started.WaitAsync(TimeSpan.FromSeconds(60));
        await Until(() => Task.FromResult(Controllers.IsReady), "controllers ready", 60);
    }

    /// <summary>A fixture that runs the controllers with other flags changes the options here.</summary>
    protected virtual GyreControllersOptions Configure(GyreControllersOptions options) => options;

    public async Task<string> NamespaceAsync(string prefix)
    {
        var ns = $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
        await Kubectl.RunAsync(null, "create", "namespace", ns);
        return ns;
    }

    public Task<string> ApplyAsync(string yaml) => Kubectl.RunAsync(yaml, "apply", "-f", "-");

    /// <summary>Reads an object (null when absent) through Gyre's client.</summary>
    public async Task<KubeObject?> GetAsync(string apiVersion, string kind, string? ns, string name)
    {
        try
        {
            var resource = await Client.ForKindAsync(apiVersion, kind, CancellationToken.None);
            return new KubeObject(await resource.GetAsync(ns, name, CancellationToken.None));
        }
        catch (KubeApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    public Task<KubeObject?> KustomizationAsync(string ns, string name) => GetAsync("kustomize.toolkit.fluxcd.io/v1", "Kustomization", ns, name);

    /// <summary>The Ready condition of a Kustomization (null when not yet reported).</summary>
    public async Task<JsonObject?> ConditionAsync(string ns, string name, string type = "Ready")
    {
        var ks = await KustomizationAsync(ns, name);
        return (ks?.Json["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
    }

    public async Task<JsonObject> WaitForConditionAsync(string ns, string name, string status, string? reason = null, int seconds = 30)
    {
        JsonObject? found = null;
        await Until(async () =>
        {
            found = await ConditionAsync(ns, name);
            return found is not null && (string?)found["status"] == status && (reason is null || (string?)found["reason"] == reason);
        }, $"Kustomization {ns}/{name} Ready={status} {reason}", seconds);
        return found!;
    }

    /// <summary>Asks for a reconcile now, as `flux reconcile` does.</summary>
    public Task RequestReconcileAsync(string kind, string ns, string name) =>
        Kubectl.RunAsync(null, "annotate", "--overwrite", kind, name, "-n", ns, $"reconcile.fluxcd.io/requestedAt={DateTime.UtcNow:O}");

    public async Task Until(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {seconds}s waiting for {what}\ncontroller logs:\n{Logs.Tail()}");
            }

            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            try
            {
                await _run.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (OperationCanceledException)
            {
            }
        }

        Client?.Dispose();
        _loggers?.Dispose();
        if (Git is not null)
        {
            await Git.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _dir.Dispose();
        _stop.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ControllersCollection : ICollectionFixture<ControllersFixture>
{
    public const string Name = "controllers";
}
