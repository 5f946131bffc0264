using System.Text.Json.Nodes;
using Gyre.LocalCluster.Objects;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Controllers;

/// <summary>
/// Cascading deletion through ownerReferences, as kube-controller-manager's garbage collector does: dependents whose
/// owners are all gone are deleted (background); dependents of an owner being deleted in the foreground are deleted
/// first and the owner's foregroundDeletion finalizer is released when none remain; an orphan delete strips the
/// owner's reference from its dependents and releases the orphan finalizer.
/// </summary>
internal sealed class GarbageCollector
{
    private readonly ClusterState _state;
    private readonly ObjectDeleter _deleter;

    public GarbageCollector(ClusterState state)
    {
        _state = state;
        _deleter = new ObjectDeleter(state);
    }

    public bool Reconcile()
    {
        if (!_state.Store.HasCollectableObjects || !HasWork(_state.Store.ListAll()))
        {
            return false;
        }

        var changed = _state.Store.Write(tx =>
        {
            var all = tx.Everything().ToList();
            var byUid = all.ToDictionary(o => new ObjectMeta(o.Object).Uid, StringComparer.Ordinal);
            var dependents = all.Where(o => new ObjectMeta(o.Object).OwnerReferences is { Count: > 0 }).ToList();
            foreach (var dependent in dependents)
            {
                ProcessDependent(tx, dependent, byUid);
            }

            foreach (var owner in all.Where(o => new ObjectMeta(o.Object).IsDeleting))
            {
                ReleaseOwner(tx, owner);
            }

            return tx.Changes.Count > 0;
        });
        if (changed)
        {
            _state.NotifyChanged();
        }

        return changed;
    }

    /// <summary>
    /// A cheap scan outside the write lock: is any owner being deleted, or any dependent missing an owner?
    /// Most writes change neither, and the collector must not hold the store's lock over every object for nothing.
    /// </summary>
    private static bool HasWork(IReadOnlyList<StoredObject> all)
    {
        HashSet<string>? uids = null;
        foreach (var obj in all)
        {
            var meta = new ObjectMeta(obj.Object);
            if (meta.IsDeleting)
            {
                return true;
            }

            if (meta.OwnerReferences is { Count: > 0 } refs)
            {
                uids ??= all.Select(o => new ObjectMeta(o.Object).Uid).ToHashSet(StringComparer.Ordinal);
                if (refs.Any(r => !uids.Contains(r?["uid"]?.GetValue<string>() ?? string.Empty)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void ProcessDependent(StoreTransaction tx, StoredObject dependent, Dictionary<string, StoredObject> byUid)
    {
        var current = tx.Get(dependent.Key, dependent.Namespace, dependent.Name);
        if (current is null)
        {
            return;
        }

        var refs = new ObjectMeta(current.Object).OwnerReferences!.OfType<JsonObject>().ToList();
        var owners = refs.Select(r => byUid.GetValueOrDefault(r["uid"]?.GetValue<string>() ?? string.Empty)).ToList();
        var orphanedBy = owners.Where(o => o is not null && ClusterControllers.HasFinalizer(o.Object, ObjectDeleter.OrphanFinalizer) && new ObjectMeta(o.Object).IsDeleting).Select(o => new ObjectMeta(o!.Object).Uid).ToHashSet(StringComparer.Ordinal);
        if (orphanedBy.Count > 0)
        {
            var obj = current.Object.DeepClone().AsObject();
            var kept = refs.Where(r => !orphanedBy.Contains(r["uid"]?.GetValue<string>() ?? string.Empty)).Select(r => (JsonNode)r.DeepClone()).ToList();
            var meta = new ObjectMeta(obj).Node;
            if (kept.Count == 0)
            {
                meta.Remove("ownerReferences");
            }
            else
            {
                meta["ownerReferences"] = new JsonArray([.. kept]);
            }

            tx.Put(current.Key, current.Namespace, current.Name, obj, created: false);
            return;
        }

        var allGone = owners.TrueForAll(o => o is null);
        var foreground = owners.Any(o => o is not null && new ObjectMeta(o.Object).IsDeleting && ClusterControllers.HasFinalizer(o.Object, ObjectDeleter.ForegroundFinalizer));
        if ((allGone || foreground) && !new ObjectMeta(current.Object).IsDeleting && Resource(current) is { } resource)
        {
            _deleter.Delete(tx, resource, current, foreground ? "Foreground" : "Background", dryRun: false);
        }
    }

    private static void ReleaseOwner(StoreTransaction tx, StoredObject owner)
    {
        var current = tx.Get(owner.Key, owner.Namespace, owner.Name);
        if (current is null)
        {
            return;
        }

        var meta = new ObjectMeta(current.Object);
        var uid = meta.Uid;
        var release = new List<string>();
        var hasDependents = tx.Everything().Any(o => (new ObjectMeta(o.Object).OwnerReferences ?? []).Any(r => r?["uid"]?.GetValue<string>() == uid));
        if (meta.Finalizers.Contains(ObjectDeleter.ForegroundFinalizer) && !hasDependents)
        {
            release.Add(ObjectDeleter.ForegroundFinalizer);
        }

        if (meta.Finalizers.Contains(ObjectDeleter.OrphanFinalizer) && !hasDependents)
        {
            release.Add(ObjectDeleter.OrphanFinalizer);
        }

        if (release.Count == 0)
        {
            return;
        }

        var obj = current.Object.DeepClone().AsObject();
        var objMeta = new ObjectMeta(obj);
        objMeta.SetFinalizers(objMeta.Finalizers.Except(release));
        if (objMeta.Finalizers.Count == 0 && !(current.Key == "namespaces" || current.Key == Api.CustomResourceDefinitions.StorageKey))
        {
            tx.Delete(current);
        }
        else
        {
            tx.Put(current.Key, current.Namespace, current.Name, obj, created: false);
        }
    }

    private Api.ResourceInfo? Resource(StoredObject obj) => _state.Catalog.ByStorageKey(obj.Key).FirstOrDefault(r => r.Storage) ?? _state.Catalog.ByStorageKey(obj.Key).FirstOrDefault();
}
