using System.Text.Json.Nodes;
using Gyre.Kube.Informers;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.Notifications;

/// <summary>
/// Queues the objects of an informer on add, spec or requestedAt change and delete (Alerts and Providers have no
/// finalizer, so a deletion must be seen here); <paramref name="onChange"/> lets a Provider change queue its Alerts.
/// </summary>
internal sealed class AlertTriggers(Action<ReconcileRequest> enqueue, Action<KubeObject>? onChange = null) : IInformerHandler
{
    public void OnAdd(JsonObject obj, bool isInInitialList) => Queue(new KubeObject(obj));

    public void OnUpdate(JsonObject oldObj, JsonObject newObj)
    {
        var before = new KubeObject(oldObj);
        var after = new KubeObject(newObj);
        if (before.Generation != after.Generation || !JsonNode.DeepEquals(before.Metadata["annotations"], after.Metadata["annotations"]))
        {
            Queue(after);
        }
    }

    public void OnDelete(JsonObject obj) => Queue(new KubeObject(obj));

    /// <summary>The Alerts in the Provider's namespace that reference it.</summary>
    public static IEnumerable<ReconcileRequest> AlertsOf(ObjectCache alerts, KubeObject provider) =>
        alerts.List(provider.Namespace ?? string.Empty).Select(a => new KubeObject(a))
            .Where(a => (string?)a.Json["spec"]?["providerRef"]?["name"] == provider.Name)
            .Select(a => new ReconcileRequest(a.Namespace ?? string.Empty, a.Name));

    private void Queue(KubeObject obj)
    {
        enqueue(new ReconcileRequest(obj.Namespace ?? string.Empty, obj.Name));
        onChange?.Invoke(obj);
    }
}
