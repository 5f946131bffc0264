using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Kube.Informers;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.Common;

/// <summary>
/// Turns informer notifications about a controller's own kind into queued requests, with Flux's predicates: a new
/// object, a spec change (generation), a new reconcile.fluxcd.io/requestedAt, a deletion or a finalizer change.
/// Status-only updates (the reconciler's own writes) are not queued again.
/// </summary>
internal sealed class RequeueHandler(Action<ReconcileRequest> enqueue, Action<KubeObject, KubeObject>? onUpdate = null, Action<KubeObject>? onAdd = null)
    : IInformerHandler
{
    public void OnAdd(JsonObject obj, bool isInInitialList)
    {
        var added = new KubeObject(obj);
        enqueue(RequestOf(added));
        onAdd?.Invoke(added);
    }

    public void OnUpdate(JsonObject oldObj, JsonObject newObj)
    {
        var before = new KubeObject(oldObj);
        var after = new KubeObject(newObj);
        if (before.Generation != after.Generation
            || before.GetAnnotation(FluxAnnotations.RequestedAt) != after.GetAnnotation(FluxAnnotations.RequestedAt)
            || (before.DeletionTimestamp is null && after.DeletionTimestamp is not null)
            || !before.Finalizers.SequenceEqual(after.Finalizers)
            || ReferenceEquals(oldObj, newObj))
        {
            enqueue(RequestOf(after));
        }

        onUpdate?.Invoke(before, after);
    }

    public void OnDelete(JsonObject obj)
    {
    }

    public static ReconcileRequest RequestOf(KubeObject obj) => new(obj.Namespace ?? string.Empty, obj.Name);
}
