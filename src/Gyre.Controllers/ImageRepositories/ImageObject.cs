using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.ImageRepositories;

/// <summary>
/// The first step both image-reflector reconcilers share: read the object; when it is being deleted, run
/// <c>onDelete</c> and remove the finalizer; otherwise make sure it has the finalizer.
/// </summary>
internal static class ImageObject
{
    /// <summary>The object to reconcile, or null when there is nothing more to do (gone, or deleted and cleaned up).</summary>
    public static async Task<(ResourceClient Resource, KubeObject Object)?> PrepareAsync(
        KubeClient client, string apiVersion, string kind, ReconcileRequest request, Action? onDelete, CancellationToken cancellationToken)
    {
        var resource = await client.ForKindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        var found = await ObjectReader.GetAsync(client, apiVersion, kind, request.Namespace, request.Name, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }

        if (found.DeletionTimestamp is not null)
        {
            onDelete?.Invoke();
            await Finalizers.RemoveAsync(resource, found, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return (resource, await Finalizers.AddAsync(resource, found, cancellationToken).ConfigureAwait(false));
    }
}
