using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Objects;

namespace Gyre.LocalCluster.Controllers;

/// <summary>
/// Keeps the served resources in step with the stored CRDs, and finalizes a deleted CRD by deleting all its custom
/// resources before releasing the customresourcecleanup finalizer (apiextensions' finalizing controller).
/// </summary>
internal sealed class CustomResourceController
{
    private readonly ClusterState _state;
    private readonly ObjectDeleter _deleter;
    private long _seenVersion = -1;

    public CustomResourceController(ClusterState state)
    {
        _state = state;
        _deleter = new ObjectDeleter(state);
    }

    public void RefreshCatalog()
    {
        var (crds, _) = _state.Store.List(CustomResourceDefinitions.StorageKey, null);
        var version = crds.Count == 0 ? 0 : crds.Max(c => c.ResourceVersion) * 1000 + crds.Count;
        if (Interlocked.Exchange(ref _seenVersion, version) == version)
        {
            return;
        }

        _state.Catalog.SetCustomResources(CustomResourceDefinitions.Resources(crds.Where(c => !new ObjectMeta(c.Object).IsDeleting)));
    }

    public bool Reconcile()
    {
        var (crds, _) = _state.Store.List(CustomResourceDefinitions.StorageKey, null);
        var changed = false;
        foreach (var crd in crds.Where(c => new ObjectMeta(c.Object).IsDeleting))
        {
            var group = crd.Object["spec"]?["group"]?.GetValue<string>() ?? string.Empty;
            var plural = crd.Object["spec"]?["names"]?["plural"]?.GetValue<string>() ?? string.Empty;
            var key = plural + "." + group;
            changed |= _state.Store.Write(tx =>
            {
                var remaining = tx.All(key).ToList();
                var resource = _state.Catalog.ByStorageKey(key).FirstOrDefault();
                foreach (var cr in remaining.Where(r => !new ObjectMeta(r.Object).IsDeleting || new ObjectMeta(r.Object).Finalizers.Count == 0))
                {
                    if (resource is null)
                    {
                        tx.Delete(cr);
                    }
                    else
                    {
                        _deleter.Delete(tx, resource, cr, "Background", dryRun: false);
                    }
                }

                if (tx.All(key).Any())
                {
                    return remaining.Count > 0 && tx.Changes.Count > 0;
                }

                var current = tx.Get(crd.Key, crd.Namespace, crd.Name);
                if (current is null)
                {
                    return false;
                }

                var obj = current.Object.DeepClone().AsObject();
                var meta = new ObjectMeta(obj);
                meta.SetFinalizers(meta.Finalizers.Where(f => f != CustomResourceDefinitions.CleanupFinalizer));
                if (meta.Finalizers.Count == 0)
                {
                    tx.Delete(current);
                }
                else
                {
                    tx.Put(current.Key, current.Namespace, current.Name, obj, created: false);
                }

                return true;
            });
        }

        return changed;
    }
}
