using Gyre.LocalCluster.Objects;

namespace Gyre.LocalCluster.Controllers;

/// <summary>
/// Namespace deletion as kube-controller-manager's namespace controller does it: a Terminating namespace has every
/// object in it deleted (honouring their finalizers), then its `kubernetes` finalizer is released and it goes away.
/// </summary>
internal sealed class NamespaceController
{
    private readonly ClusterState _state;
    private readonly ObjectDeleter _deleter;

    public NamespaceController(ClusterState state)
    {
        _state = state;
        _deleter = new ObjectDeleter(state);
    }

    public bool Reconcile()
    {
        var (namespaces, _) = _state.Store.List("namespaces", null);
        var changed = false;
        foreach (var ns in namespaces.Where(n => new ObjectMeta(n.Object).IsDeleting))
        {
            changed |= _state.Store.Write(tx =>
            {
                var contents = tx.Everything().Where(o => o.Namespace == ns.Name).ToList();
                foreach (var obj in contents.Where(o => !new ObjectMeta(o.Object).IsDeleting))
                {
                    var resource = _state.Catalog.ByStorageKey(obj.Key).FirstOrDefault();
                    if (resource is null)
                    {
                        tx.Delete(obj);
                    }
                    else
                    {
                        _deleter.Delete(tx, resource, obj, "Background", dryRun: false);
                    }
                }

                if (tx.Everything().Any(o => o.Namespace == ns.Name))
                {
                    return tx.Changes.Count > 0;
                }

                var current = tx.Get("namespaces", string.Empty, ns.Name);
                if (current is null)
                {
                    return false;
                }

                if (new ObjectMeta(current.Object).Finalizers.Count == 0)
                {
                    tx.Delete(current);
                }
                else
                {
                    var obj = current.Object.DeepClone().AsObject();
                    obj["spec"] = new System.Text.Json.Nodes.JsonObject { ["finalizers"] = new System.Text.Json.Nodes.JsonArray() };
                    if (!System.Text.Json.Nodes.JsonNode.DeepEquals(obj, current.Object))
                    {
                        tx.Put(current.Key, current.Namespace, current.Name, obj, created: false);
                    }
                }

                return tx.Changes.Count > 0;
            });
        }

        if (changed)
        {
            _state.NotifyChanged();
        }

        return changed;
    }
}
