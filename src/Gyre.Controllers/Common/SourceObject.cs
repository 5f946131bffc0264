using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;
using Gyre.Sources.Artifacts;

namespace Gyre.Controllers.Common;

/// <summary>
/// The first step every source reconciler shares (source-controller's reconcileDelete and finalizer steps): read the
/// object; when it is being deleted, remove its artifacts and then its finalizer; otherwise make sure it has the finalizer.
/// </summary>
internal static class SourceObject
{
    public const string ApiVersion = "source.toolkit.fluxcd.io/v1";

    /// <summary>The object to reconcile, or null when there is nothing more to do (gone, or deleted and cleaned up).</summary>
    public static async Task<(ResourceClient Resource, KubeObject Object)?> PrepareAsync(
        KubeClient client, ArtifactStore store, string kind, ReconcileRequest request, CancellationToken cancellationToken)
    {
        var resource = await client.ForKindAsync(ApiVersion, kind, cancellationToken).ConfigureAwait(false);
        var obj = await ObjectReader.GetAsync(client, ApiVersion, kind, request.Namespace, request.Name, cancellationToken).ConfigureAwait(false);
        if (obj is null)
        {
            return null;
        }

        if (obj.DeletionTimestamp is not null)
        {
            DeleteArtifacts(store, kind, obj);
            await Finalizers.RemoveAsync(resource, obj, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return (resource, await Finalizers.AddAsync(resource, obj, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Removes every stored artifact of the object (its directory in the store).</summary>
    public static void DeleteArtifacts(ArtifactStore store, string kind, KubeObject obj)
    {
        var directory = store.LocalPath(new ArtifactKey(kind, obj.Namespace!, obj.Name).Directory);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
