using Gyre.Api.Kustomize;
using Gyre.Apply.Inventory;
using Gyre.Kube;
using Gyre.Kube.Config;
using Gyre.Manifests;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// What happens to applied objects when a Kustomization is deleted (spec.deletionPolicy): MirrorPrune deletes them
/// when spec.prune is true, Delete always, WaitForTermination deletes and waits until they are gone (up to the
/// timeout), Orphan leaves them. Owner labels are checked as in pruning. A remote cluster whose kubeConfig Secret is
/// gone is skipped rather than blocking the deletion.
/// </summary>
internal sealed class KustomizationFinalizer(KubeClient client, KustomizationReconcilerOptions options, TimeProvider time)
{
    public async Task FinalizeAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        KustomizationSpec spec;
        try
        {
            spec = KustomizationSpec.From(obj);
        }
        catch (Gyre.Api.ApiException)
        {
            return; // Nothing was ever applied from an unreadable spec.
        }

        var delete = spec.DeletionPolicy switch
        {
            DeletionPolicy.MirrorPrune => spec.Prune,
            DeletionPolicy.Delete or DeletionPolicy.WaitForTermination => true,
            _ => false,
        };
        if (!delete || spec.Suspend)
        {
            return;
        }

        var inventory = ResourceInventory.Read(obj.Json["status"]?["inventory"]);
        ApplyTarget applyTarget;
        try
        {
            applyTarget = await ApplyTarget.OpenAsync(client, obj, spec, options.DefaultServiceAccount, cancellationToken).ConfigureAwait(false);
        }
        catch (ReconcileStepException)
        {
            // As Flux: when the cluster cannot be reached any more (its kubeConfig Secret is gone or broken), deleting the
            // Kustomization must not hang on its finalizer; the objects there are left as they are.
            return;
        }

        using var owned = applyTarget;
        var target = applyTarget.Client;
        await new Pruner(target).PruneAsync(inventory.Entries, obj.Name, obj.Namespace!, cancellationToken).ConfigureAwait(false);
        if (spec.DeletionPolicy == DeletionPolicy.WaitForTermination)
        {
            await WaitForTerminationAsync(target, inventory, spec.EffectiveTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitForTerminationAsync(KubeClient target, ResourceInventory inventory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        foreach (var entry in inventory.Entries)
        {
            var apiVersion = entry.Ref.Group.Length == 0 ? entry.Version : entry.Ref.Group + "/" + entry.Version;
            var resource = await target.ForKindAsync(apiVersion, entry.Ref.Kind, cancellationToken).ConfigureAwait(false);
            var ns = resource.Resource.Namespaced ? entry.Ref.Namespace : null;
            while (await ServerSideApplier.GetAsync(resource, ns, entry.Ref.Name, cancellationToken).ConfigureAwait(false) is not null && time.GetUtcNow() < deadline)
            {
                await Task.Delay(options.PollInterval, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
