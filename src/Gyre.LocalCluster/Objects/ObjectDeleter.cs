using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// Graceful deletion as kube-apiserver does it: an object with finalizers (or a foreground/orphan delete, or a
/// namespace) gets deletionTimestamp and stays until its finalizers are gone; otherwise it is removed at once and
/// the garbage collector handles its dependents.
/// </summary>
internal sealed class ObjectDeleter
{
    public const string ForegroundFinalizer = "foregroundDeletion";
    public const string OrphanFinalizer = "orphan";
    private readonly ClusterState _state;

    public ObjectDeleter(ClusterState state)
    {
        _state = state;
    }

    public JsonObject Delete(StoreTransaction tx, ResourceInfo resource, StoredObject current, string propagation, bool dryRun)
    {
        var obj = current.Object.DeepClone().AsObject();
        var meta = new ObjectMeta(obj);
        var finalizers = meta.Finalizers.ToList();
        if (propagation == "Foreground" && !finalizers.Contains(ForegroundFinalizer) && !meta.IsDeleting)
        {
            finalizers.Add(ForegroundFinalizer);
        }

        if (propagation == "Orphan" && !finalizers.Contains(OrphanFinalizer) && !meta.IsDeleting)
        {
            finalizers.Add(OrphanFinalizer);
        }

        var isNamespace = resource.Kind == "Namespace" && resource.Group.Length == 0;
        var isCrd = resource.Kind == "CustomResourceDefinition";
        if (finalizers.Count == 0 && !isNamespace && !isCrd)
        {
            return dryRun ? obj : tx.Delete(current).Object;
        }

        if (meta.IsDeleting)
        {
            // Deleting again only changes finalizers added by the new propagation policy.
            if (finalizers.SequenceEqual(meta.Finalizers) || dryRun)
            {
                return obj;
            }
        }
        else
        {
            meta.Node["deletionTimestamp"] = _state.Lifecycle.Now;
            meta.Node["deletionGracePeriodSeconds"] = 0;
        }

        meta.SetFinalizers(finalizers);
        if (isNamespace)
        {
            obj["status"] = new JsonObject { ["phase"] = "Terminating" };
        }

        return dryRun ? obj : tx.Put(current.Key, current.Namespace, current.Name, obj, created: false).Object;
    }
}
