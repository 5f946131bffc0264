using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Objects;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster;

/// <summary>The shared pieces every handler and controller of one running cluster uses.</summary>
internal sealed class ClusterState
{
    public ClusterState(ObjectStore store, ResourceCatalog catalog, TimeProvider time, LocalClusterOptions options)
    {
        Store = store;
        Catalog = catalog;
        Time = time;
        Options = options;
        Lifecycle = new ObjectLifecycle(time);
    }

    public ObjectStore Store { get; }

    public ResourceCatalog Catalog { get; }

    public TimeProvider Time { get; }

    public LocalClusterOptions Options { get; }

    public ObjectLifecycle Lifecycle { get; }

    /// <summary>Raised after every committed write so controllers (GC, namespaces, CRDs, simulator) re-check.</summary>
    public event Action? Changed;

    public void NotifyChanged() => Changed?.Invoke();
}
