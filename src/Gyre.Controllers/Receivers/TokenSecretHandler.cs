using System.Text.Json.Nodes;
using Gyre.Kube.Informers;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.Receivers;

/// <summary>
/// Re-reconciles the Receivers whose spec.secretRef names a Secret that was created, changed or deleted, as
/// notification-controller watches Secrets: a rotated token moves status.webhookPath at once instead of at the
/// next interval (and the old path stops answering, see <see cref="DeliveryHandler"/>).
/// </summary>
internal sealed class TokenSecretHandler(ObjectCache receivers, Action<ReconcileRequest> enqueue) : IInformerHandler
{
    public void OnAdd(JsonObject obj, bool isInInitialList)
    {
        // Every Receiver is reconciled from its own informer's initial list already.
        if (!isInInitialList)
        {
            Enqueue(obj);
        }
    }

    public void OnUpdate(JsonObject oldObj, JsonObject newObj)
    {
        // The informer caches Secrets' metadata only (their values stay out of memory): any new resourceVersion counts.
        if (!ReferenceEquals(oldObj, newObj) && (string?)oldObj["metadata"]?["resourceVersion"] != (string?)newObj["metadata"]?["resourceVersion"])
        {
            Enqueue(newObj);
        }
    }

    public void OnDelete(JsonObject obj) => Enqueue(obj);

    private void Enqueue(JsonObject secret)
    {
        var ns = (string?)secret["metadata"]?["namespace"] ?? string.Empty;
        var name = (string?)secret["metadata"]?["name"];
        foreach (var receiver in receivers.List(ns))
        {
            if ((string?)receiver["spec"]?["secretRef"]?["name"] == name)
            {
                enqueue(new ReconcileRequest(ns, (string)receiver["metadata"]!["name"]!));
            }
        }
    }
}
