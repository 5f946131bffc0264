using System.Text.Json.Nodes;
using Gyre.LocalCluster.Objects;
using Gyre.LocalCluster.Simulator;

namespace Gyre.LocalCluster.Controllers;

/// <summary>
/// The control loops a real control plane runs next to the API server, in one background task woken after every
/// write: CRD establishing (catalog refresh), garbage collection, namespace and CRD finalization, and the workload
/// simulator. Each pass is idempotent; passes repeat until nothing changes.
/// </summary>
internal sealed class ClusterControllers : IDisposable
{
    private static readonly string[] DefaultNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];
    private readonly ClusterState _state;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly CustomResourceController _crds;
    private readonly GarbageCollector _gc;
    private readonly NamespaceController _namespaces;
    private readonly WorkloadSimulator _simulator;
    private readonly Security.RbacBootstrapper _rbac;
    private Task? _loop;

    public ClusterControllers(ClusterState state)
    {
        _state = state;
        _crds = new CustomResourceController(state);
        _gc = new GarbageCollector(state);
        _namespaces = new NamespaceController(state);
        _simulator = new WorkloadSimulator(state);
        _rbac = new Security.RbacBootstrapper(state);
        state.Changed += OnChanged;
    }

    /// <summary>Creates the namespaces every cluster has and loads the CRDs already stored.</summary>
    public void Bootstrap()
    {
        _state.Store.Write(tx =>
        {
            foreach (var ns in DefaultNamespaces.Where(ns => tx.Get("namespaces", string.Empty, ns) is null))
            {
                var obj = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Namespace",
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = ns,
                        ["uid"] = Guid.NewGuid().ToString(),
                        ["creationTimestamp"] = _state.Lifecycle.Now,
                        ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = ns },
                    },
                    ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
                    ["status"] = new JsonObject { ["phase"] = "Active" },
                };
                tx.Put("namespaces", string.Empty, ns, obj, created: true);
            }

            return 0;
        });
        _crds.RefreshCatalog();
        _rbac.EnsureDefaults();
    }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    public async Task StopAsync()
    {
        _state.Changed -= OnChanged;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

    }

    public void Dispose()
    {
        _stop.Dispose();
        _wake.Dispose();
    }

    private void OnChanged()
    {
        // Discovery must see a new CRD by the time the create returns, so the catalog refresh is synchronous.
        _crds.RefreshCatalog();
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = _simulator.NextDue();
            await _wake.WaitAsync(due ?? TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            for (var pass = 0; pass < 20; pass++)
            {
                var changed = _crds.Reconcile() | _namespaces.Reconcile() | _gc.Reconcile() | _simulator.Reconcile() | _rbac.Aggregate();
                if (!changed)
                {
                    break;
                }

                _crds.RefreshCatalog();
            }
        }
    }

    internal static bool HasFinalizer(JsonObject obj, string finalizer) => new ObjectMeta(obj).Finalizers.Contains(finalizer);
}
