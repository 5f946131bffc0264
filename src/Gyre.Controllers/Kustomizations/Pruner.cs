using Gyre.Api.Meta;
using Gyre.Apply.Inventory;
using Gyre.Kube;
using Gyre.Kube.Discovery;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// Garbage collection (fluxcd/pkg ssa DeleteAll as kustomize-controller calls it): delete what left the inventory,
/// but only objects whose owner labels still point at this Kustomization and that do not opt out with
/// prune: disabled (or reconcile: disabled, ssa: Ignore). Propagation is Background.
/// </summary>
internal sealed class Pruner(KubeClient client)
{
    public async Task<IReadOnlyList<ChangeSetEntry>> PruneAsync(IEnumerable<InventoryEntry> stale, string ownerName, string ownerNamespace, CancellationToken cancellationToken)
    {
        var deleted = new List<ChangeSetEntry>();
        foreach (var entry in stale)
        {
            var obj = entry.Ref;
            var apiVersion = obj.Group.Length == 0 ? entry.Version : obj.Group + "/" + entry.Version;
            ResourceClient resource;
            try
            {
                resource = await client.ForKindAsync(apiVersion, obj.Kind, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeMappingException)
            {
                continue; // The kind is gone (its CRD was deleted), and with it every object of the kind.
            }

            var ns = resource.Resource.Namespaced ? obj.Namespace : null;
            var live = await ServerSideApplier.GetAsync(resource, ns, obj.Name, cancellationToken).ConfigureAwait(false);
            if (live is null)
            {
                continue;
            }

            var current = new KubeObject(live);
            if (current.GetLabel(FluxAnnotations.KustomizeName) != ownerName || current.GetLabel(FluxAnnotations.KustomizeNamespace) != ownerNamespace
                || IsDisabled(current, FluxAnnotations.Prune) || IsDisabled(current, FluxAnnotations.Reconcile)
                || string.Equals(current.GetAnnotation(FluxAnnotations.Ssa), "Ignore", StringComparison.OrdinalIgnoreCase)
                || current.DeletionTimestamp is not null)
            {
                continue;
            }

            try
            {
                await resource.DeleteAsync(ns, obj.Name, new DeleteOptions { PropagationPolicy = PropagationPolicy.Background }, cancellationToken).ConfigureAwait(false);
            }
            catch (KubeApiException ex) when (ex.IsNotFound)
            {
                continue;
            }
            catch (KubeApiException ex) when (!ex.IsTransient)
            {
                throw new ReconcileStepException(Reasons.PruneFailed, $"{obj} prune failed: {ex.Reason}: {ex.Status.Message}", ex);
            }

            deleted.Add(new ChangeSetEntry(obj, entry.Version, ApplyAction.Deleted));
        }

        return deleted;
    }

    private static bool IsDisabled(KubeObject obj, string key) =>
        string.Equals(obj.GetAnnotation(key) ?? obj.GetLabel(key), "disabled", StringComparison.OrdinalIgnoreCase);
}
