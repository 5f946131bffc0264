using System.Net;
using System.Net.Sockets;
using Gyre.Api.Crds;
using Gyre.Api.Kustomize;
using Gyre.Api.Source;
using Gyre.Controllers.Buckets;
using Gyre.Controllers.Common;
using Gyre.Controllers.GitRepositories;
using Gyre.Controllers.HelmCharts;
using Gyre.Controllers.HelmReleases;
using Gyre.Controllers.HelmRepositories;
using Gyre.Controllers.ImageRepositories;
using Gyre.Controllers.Hosting;
using Gyre.Controllers.Kustomizations;
using Gyre.Controllers.OciRepositories;
using Gyre.Controllers.Receivers;
using Gyre.Controllers.Notifications;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Kube.Informers;
using Gyre.Kube.LeaderElection;
using Gyre.Runtime.Metrics;
using Gyre.Runtime.Reconcile;
using Gyre.Sources.Artifacts;
using Gyre.Sources.Buckets;
using Gyre.Sources.Git;
using Gyre.Sources.Helm;
using Gyre.Sources.Oci;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers;

/// <summary>
/// The composition root of Gyre's controllers (controller-runtime's manager): installs the CRDs, serves artifacts,
/// metrics and probes, and runs the selected reconcilers on informer-driven work queues (under leader election when
/// asked) until cancelled. `gyre controller` and `gyre up` both run this.
/// </summary>
public sealed class GyreControllers
{
    private readonly KubeClient _client;
    private readonly GyreControllersOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _ready;
    private ReceiverWebhooks? _receiverWebhooks;
    private NotificationService? _notifications;

    public GyreControllers(KubeClient client, GyreControllersOptions options, ILoggerFactory loggers, TimeProvider time)
    {
        _client = client;
        _options = options;
        _loggers = loggers;
        _time = time;
    }

    public MetricsRegistry Metrics { get; } = new();

    /// <summary>The artifact server's address once started.</summary>
    public Uri? StorageAddress { get; private set; }

    public Uri? MetricsAddress { get; private set; }

    public Uri? HealthAddress { get; private set; }

    /// <summary>The webhook receiver server's address once listening (controller "notification").</summary>
    public Uri? ReceiverAddress => _receiverWebhooks?.Address;
    /// <summary>The notification event endpoint's address once leading (null when not served).</summary>
    public Uri? EventsAddress => _notifications?.EventsAddress;

    /// <summary>Completes when the servers listen (addresses are known); reconciling may still wait for leadership.</summary>
    public Task Started => _started.Task;

    /// <summary>True once this instance leads and its caches have synced.</summary>
    public bool IsReady => _ready;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!_started.Task.IsCompleted)
        {
            _started.TrySetException(ex);
            throw;
        }
    }

    private async Task RunCoreAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_options.WorkDirectory);
        var listen = _options.StorageAddress.EndsWith(":0", StringComparison.Ordinal)
            ? _options.StorageAddress[..^2] + ":" + FreePort()
            : _options.StorageAddress;
        var store = new ArtifactStore(_options.StoragePath, _options.StorageAdvertisedAddress ?? listen, _time);
        var artifacts = _options.Controllers.Contains(GyreControllersOptions.Source)
            ? await ArtifactServer.StartAsync(store, listen, cancellationToken).ConfigureAwait(false)
            : null;
        StorageAddress = artifacts?.Address;
        var probes = await StartProbesAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _started.TrySetResult();
            if (_options.InstallCrds)
            {
                await InstallCrdsAsync(cancellationToken).ConfigureAwait(false);
            }

            await WaitForKindsAsync(cancellationToken).ConfigureAwait(false);

            if (_options.LeaderElectionNamespace is { } ns)
            {
                var elector = new LeaderElector(_client, new LeaderElectionConfig(ns, "gyre-controller", _options.LeaderElectionIdentity), _time,
                    _loggers.CreateLogger("leader-election"));
                await elector.RunAsync(token => LeadAsync(store, token), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await LeadAsync(store, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _ready = false;
            foreach (var probe in probes)
            {
                await probe.DisposeAsync().ConfigureAwait(false);
            }

            if (artifacts is not null)
            {
                await artifacts.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<List<ProbeServer>> StartProbesAsync(CancellationToken cancellationToken)
    {
        var probes = new List<ProbeServer>();
        if (_options.MetricsAddress is { } metrics)
        {
            probes.Add(await ProbeServer.StartAsync(metrics, Metrics, () => _ready, cancellationToken).ConfigureAwait(false));
            MetricsAddress = probes[^1].Address;
        }

        if (_options.HealthAddress is { } health)
        {
            probes.Add(await ProbeServer.StartAsync(health, null, () => _ready, cancellationToken).ConfigureAwait(false));
            HealthAddress = probes[^1].Address;
        }

        return probes;
    }

    /// <summary>Server-side applies Gyre's CRDs (field manager gyre) so the kinds are served before informers start.</summary>
    public async Task InstallCrdsAsync(CancellationToken cancellationToken)
    {
        var crds = await _client.ForKindAsync("apiextensions.k8s.io/v1", "CustomResourceDefinition", cancellationToken).ConfigureAwait(false);
        foreach (var crd in FluxCrds.All())
        {
            await crds.ApplyAsync(crd.Json, new WriteOptions { FieldManager = "gyre", Force = true }, cancellationToken).ConfigureAwait(false);
        }
    }

    // A CRD is served a moment after it is created: wait until discovery maps the kinds the informers watch.
    private async Task WaitForKindsAsync(CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await _client.Mapper.FindAsync("kustomize.toolkit.fluxcd.io/v1", "Kustomization", cancellationToken).ConfigureAwait(false);
                await _client.Mapper.FindAsync("source.toolkit.fluxcd.io/v1", "GitRepository", cancellationToken).ConfigureAwait(false);
                await _client.Mapper.FindAsync("source.toolkit.fluxcd.io/v1", OciRepositorySpec.Kind, cancellationToken).ConfigureAwait(false);
                await _client.Mapper.FindAsync("source.toolkit.fluxcd.io/v1", HelmRepositorySpec.Kind, cancellationToken).ConfigureAwait(false);
                await _client.Mapper.FindAsync("source.toolkit.fluxcd.io/v1", BucketSpec.Kind, cancellationToken).ConfigureAwait(false);
                if (_options.Controllers.Contains(GyreControllersOptions.ImageAutomation))
                {
                    await _client.Mapper.FindAsync("image.toolkit.fluxcd.io/v1", "ImageUpdateAutomation", cancellationToken).ConfigureAwait(false);
                    await _client.Mapper.FindAsync("image.toolkit.fluxcd.io/v1", "ImagePolicy", cancellationToken).ConfigureAwait(false);
                }

                if (_options.Controllers.Contains(GyreControllersOptions.Notification))
                {
                    await _client.Mapper.FindAsync("notification.toolkit.fluxcd.io/v1beta3", "Alert", cancellationToken).ConfigureAwait(false);
                    await _client.Mapper.FindAsync("notification.toolkit.fluxcd.io/v1beta3", "Provider", cancellationToken).ConfigureAwait(false);
                }

                if (_options.Controllers.Contains(GyreControllersOptions.ImageReflector))
                {
                    await _client.Mapper.FindAsync(Gyre.Api.Image.ImagePolicySpec.ApiVersion, Gyre.Api.Image.ImagePolicySpec.Kind, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (Gyre.Kube.Discovery.KubeMappingException) when (_time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task LeadAsync(ArtifactStore store, CancellationToken cancellationToken)
    {
        var informers = new SharedInformerFactory(_client, _time, _loggers.CreateLogger("informers")) { StripManagedFields = true };
        await using var informersScope = informers.ConfigureAwait(false);
        var metrics = new ReconcileMetrics(Metrics);
        var controllers = new List<Controller>();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        await using var notifications = _options.Controllers.Contains(GyreControllersOptions.Notification)
            ? await NotificationService.StartAsync(_client, _options, _loggers.CreateLogger("notification-controller"), _time, cancellationToken).ConfigureAwait(false)
            : null;
        _notifications = notifications;
        if (notifications is not null)
        {
            controllers.AddRange(await notifications.ControllersAsync(informers, metrics, _options, cancellationToken).ConfigureAwait(false));
        }

        if (_options.Controllers.Contains(GyreControllersOptions.Source))
        {
            controllers.Add(await GitRepositoryControllerAsync(informers, store, metrics, cancellationToken).ConfigureAwait(false));
            controllers.Add(await HelmChartControllerAsync(informers, store, http, metrics, cancellationToken).ConfigureAwait(false));
            controllers.Add(await OciRepositoryControllerAsync(informers, store, metrics, cancellationToken).ConfigureAwait(false));
            controllers.Add(await HelmRepositoryControllerAsync(informers, store, metrics, cancellationToken).ConfigureAwait(false));
            controllers.Add(await BucketControllerAsync(informers, store, metrics, cancellationToken).ConfigureAwait(false));
        }

        if (_options.Controllers.Contains(GyreControllersOptions.Kustomize))
        {
            controllers.Add(await KustomizationControllerAsync(informers, http, metrics, cancellationToken).ConfigureAwait(false));
        }

        if (_options.Controllers.Contains(GyreControllersOptions.Helm))
        {
            controllers.Add(await HelmReleaseControllerAsync(informers, http, metrics, cancellationToken).ConfigureAwait(false));
        }

        if (_options.Controllers.Contains(GyreControllersOptions.ImageReflector))
        {
            controllers.AddRange(await ImageReflector.ControllersAsync(_client, informers, metrics, _options, _loggers, _time, _notifications?.Pipeline, cancellationToken)
                .ConfigureAwait(false));
        }

        if (_options.Controllers.Contains(GyreControllersOptions.ImageAutomation))
        {
            controllers.Add(await ImageUpdateAutomations.ImageUpdateAutomationController.CreateAsync(_client, informers, metrics, _options, _loggers, _time,
                _notifications?.Pipeline, cancellationToken).ConfigureAwait(false));
        }

        var runnables = new List<Func<CancellationToken, Task>>();
        if (_options.Controllers.Contains(GyreControllersOptions.Notification))
        {
            var (receivers, webhooks) = await ReceiverController.CreateAsync(_client, informers, http, metrics, _options.ReceiverAddress, _options.Concurrent, _loggers, _time,
                cancellationToken).ConfigureAwait(false);
            controllers.Add(receivers);
            runnables.Add(webhooks.RunAsync);
            _receiverWebhooks = webhooks;
        }

        informers.StartAll();
        await informers.WaitForCacheSyncAsync(cancellationToken).ConfigureAwait(false);
        _ready = true;
        try
        {
            await Task.WhenAll(controllers.Select(c => c.RunAsync(cancellationToken)).Concat(runnables.Select(r => r(cancellationToken)))).ConfigureAwait(false);
        }
        finally
        {
            _ready = false;
            foreach (var controller in controllers)
            {
                controller.Dispose();
            }
        }
    }

    private async Task<Controller> GitRepositoryControllerAsync(SharedInformerFactory informers, ArtifactStore store, ReconcileMetrics metrics, CancellationToken cancellationToken)
    {
        var logger = _loggers.CreateLogger("source-controller");
        var source = new GitRepositorySource(store, Path.Combine(_options.WorkDirectory, "git"), new SecretFileCache(Path.Combine(_options.WorkDirectory, "secrets")));
        var events = new EventRecorder(_client, "source-controller", _time, logger, _notifications?.Pipeline);
        var reconciler = new GitRepositoryReconciler(_client, source, store, events, _time, logger, _options.AllowInsecureHttp);
        var controller = new Controller(reconciler, new ControllerOptions { Kind = GitRepositorySpec.Kind, Name = "source-controller", Workers = _options.Concurrent },
            metrics, logger, _time);
        var informer = await informers.GetOrCreateAsync("source.toolkit.fluxcd.io/v1", GitRepositorySpec.Kind, null, cancellationToken).ConfigureAwait(false);
        informer.AddHandler(new RequeueHandler(controller.Queue.Add));
        informer.AddHandler(new SourceRevisionHandler(new IncludeTriggers(informer.Cache, controller.Queue.Add).OnNewRevision));
        return controller;
    }

    private async Task<Controller> HelmChartControllerAsync(SharedInformerFactory informers, ArtifactStore store, HttpClient http, ReconcileMetrics metrics, CancellationToken cancellationToken)
    {
        var logger = _loggers.CreateLogger("source-controller");
        var events = new EventRecorder(_client, "source-controller", _time, logger, _notifications?.Pipeline);
        var reconciler = new HelmChartReconciler(_client, store, http, Path.Combine(_options.WorkDirectory, "helmcharts"), _options.RequeueDependency, events, _time, logger);
        var controller = new Controller(reconciler, new ControllerOptions { Kind = HelmChartSpec.Kind, Name = "helmchart-controller", Workers = _options.Concurrent },
            metrics, logger, _time);
        var charts = await informers.GetOrCreateAsync(HelmChartReconciler.ApiVersion, HelmChartSpec.Kind, null, cancellationToken).ConfigureAwait(false);
        charts.AddHandler(new RequeueHandler(controller.Queue.Add));
        var triggers = new DependentTriggers(charts.Cache, controller.Queue.Add);
        foreach (var sourceKind in new[] { GitRepositorySpec.Kind, "HelmRepository", BucketSpec.Kind })
        {
            var sources = await informers.GetOrCreateAsync(HelmChartReconciler.ApiVersion, sourceKind, null, cancellationToken).ConfigureAwait(false);
            sources.AddHandler(new SourceRevisionHandler(triggers.OnSourceUpdate));
        }

        return controller;
    }

    private async Task<Controller> HelmReleaseControllerAsync(SharedInformerFactory informers, HttpClient http, ReconcileMetrics metrics, CancellationToken cancellationToken)
    {
        var logger = _loggers.CreateLogger("helm-controller");
        var events = new EventRecorder(_client, "helm-controller", _time, logger, _notifications?.Pipeline);
        var reconciler = new HelmReleaseReconciler(_client, _options.HelmReleaseOptions, http, events, _time, logger);
        var controller = new Controller(reconciler, new ControllerOptions { Kind = Gyre.Api.Helm.HelmReleaseSpec.Kind, Name = "helm-controller", Workers = _options.Concurrent },
            metrics, logger, _time);
        var releases = await informers.GetOrCreateAsync(Gyre.Api.Helm.HelmReleaseSpec.ApiVersion, Gyre.Api.Helm.HelmReleaseSpec.Kind, null, cancellationToken).ConfigureAwait(false);
        var triggers = new DependentTriggers(releases.Cache, controller.Queue.Add);
        releases.AddHandler(new RequeueHandler(controller.Queue.Add, triggers.OnKustomizationUpdate, triggers.OnKustomizationAdded));
        var charts = await informers.GetOrCreateAsync(HelmChartReconciler.ApiVersion, HelmChartSpec.Kind, null, cancellationToken).ConfigureAwait(false);
        charts.AddHandler(new SourceRevisionHandler(chart => HelmReleaseTriggers.OnChartUpdate(releases.Cache, chart, controller.Queue.Add)));
        var ociRepositories = await informers.GetOrCreateAsync(HelmChartReconciler.ApiVersion, OciRepositorySpec.Kind, null, cancellationToken).ConfigureAwait(false);
        ociRepositories.AddHandler(new SourceRevisionHandler(oci => HelmReleaseTriggers.OnChartUpdate(releases.Cache, oci, controller.Queue.Add)));
        return controller;
    }

    private async Task<Controller> KustomizationControllerAsync(SharedInformerFactory informers, HttpClient http, ReconcileMetrics metrics, CancellationToken cancellationToken)
    {
        var logger = _loggers.CreateLogger("kustomize-controller");
        var events = new EventRecorder(_client, "kustomize-controller", _time, logger, _notifications?.Pipeline);
        var reconciler = new KustomizationReconciler(_client, _options.KustomizationOptions, http, events, metrics, _time, logger);
        var controller = new Controller(reconciler, new ControllerOptions { Kind = KustomizationSpec.Kind, Name = "kustomize-controller", Workers = _options.Concurrent },
            metrics, logger, _time);
        var kustomizations = await informers.GetOrCreateAsync(DependencyCheck.ApiVersion, KustomizationSpec.Kind, null, cancellationToken).ConfigureAwait(false);
        var triggers = new DependentTriggers(kustomizations.Cache, controller.Queue.Add);
        kustomizations.AddHandler(new RequeueHandler(controller.Queue.Add, triggers.OnKustomizationUpdate, triggers.OnKustomizationAdded));
        var sources = await informers.GetOrCreateAsync("source.toolkit.fluxcd.io/v1", GitRepositorySpec.Kind, null, cancellationToken).ConfigureAwait(false);
        sources.AddHandler(new SourceRevisionHandler(triggers.OnSourceUpdate));
        var ociSources = await informers.GetOrCreateAsync("source.toolkit.fluxcd.io/v1", OciRepositorySpec.Kind, null, cancellationToken).ConfigureAwait(false);
        ociSources.AddHandler(new SourceRevisionHandler(triggers.OnSourceUpdate));
        var bucketSources = await informers.GetOrCreateAsync("source.toolkit.fluxcd.io/v1", BucketSpec.Kind, null, cancellationToken).ConfigureAwait(false);
        bucketSources.AddHandler(new SourceRevisionHandler(triggers.OnSourceUpdate));
        return controller;
    }

    private async Task<Controller> OciRepositoryControllerAsync(SharedInformerFactory informers, ArtifactStore store, ReconcileMetrics metrics, CancellationToken cancellationToken)
    {
        var logger = _loggers.CreateLogger("source-controller");
        var work = Path.Combine(_options.WorkDirectory, "oci");
        Directory.CreateDirectory(work);
        var status = new SourceStatus(new EventRecorder(_client, "source-controller", _time, logger, _notifications?.Pipeline), _time, logger);
        var settings = new OciClientSettings(_client, new RegistryTokenCache(_time));
        var reconciler = new OciRepositoryReconciler(_client, new OciRepositorySource(store, work), store, settings, status);
        var controller = new Controller(reconciler, new ControllerOptions { Kind = OciRepositorySpec.Kind, Name = "source-controller", Workers = _options.Concurrent },
            metrics, logger, _time);
        var informer = await informers.GetOrCreateAsync("source.toolkit.fluxcd.io/v1", OciRepositorySpec.Kind, null, cancellationToken).ConfigureAwait(false);
        informer.AddHandler(new RequeueHandler(controller.Queue.Add));
        return controller;
    }

    private async Task<Controller> HelmRepositoryControllerAsync(SharedInformerFactory informers, ArtifactStore store, ReconcileMetrics metrics, CancellationToken cancellationToken)
    {
        var logger = _loggers.CreateLogger("source-controller");
        var status = new SourceStatus(new EventRecorder(_client, "source-controller", _time, logger, _notifications?.Pipeline), _time, logger);
        var reconciler = new HelmRepositoryReconciler(_client, new HelmRepositorySource(store), store, status);
        var controller = new Controller(reconciler, new ControllerOptions { Kind = HelmRepositorySpec.Kind, Name = "source-controller", Workers = _options.Concurrent },
            metrics, logger, _time);
        var informer = await informers.GetOrCreateAsync("source.toolkit.fluxcd.io/v1", HelmRepositorySpec.Kind, null, cancellationToken).ConfigureAwait(false);
        informer.AddHandler(new RequeueHandler(controller.Queue.Add));
        return controller;
    }

    private async Task<Controller> BucketControllerAsync(SharedInformerFactory informers, ArtifactStore store, ReconcileMetrics metrics, CancellationToken cancellationToken)
    {
        var logger = _loggers.CreateLogger("source-controller");
        var work = Path.Combine(_options.WorkDirectory, "buckets");
        Directory.CreateDirectory(work);
        var status = new SourceStatus(new EventRecorder(_client, "source-controller", _time, logger, _notifications?.Pipeline), _time, logger);
        var settings = new BucketClientSettings(_client, Environment.GetEnvironmentVariable, _time);
        var reconciler = new BucketReconciler(_client, new BucketSource(store, work), store, settings, status);
        var controller = new Controller(reconciler, new ControllerOptions { Kind = BucketSpec.Kind, Name = "source-controller", Workers = _options.Concurrent },
            metrics, logger, _time);
        var informer = await informers.GetOrCreateAsync("source.toolkit.fluxcd.io/v1", BucketSpec.Kind, null, cancellationToken).ConfigureAwait(false);
        informer.AddHandler(new RequeueHandler(controller.Queue.Add));
        return controller;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
