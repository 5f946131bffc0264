using System.Text.Json.Nodes;
using Gyre.Kube.Informers;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.ImageUpdateAutomations;

/// <summary>
/// As image-automation-controller watches ImagePolicies: when a policy's status.latestRef changes (or a policy
/// appears or goes), every ImageUpdateAutomation in its namespace is queued, since any of them may select it.
/// </summary>
internal sealed class PolicyChangeHandler(ObjectCache automations, Action<ReconcileRequest> enqueue) : IInformerHandler
{
    public void OnAdd(JsonObject obj, bool isInInitialList)
    {
        if (!isInInitialList)
        {
            EnqueueNamespace(obj);
        }
    }

    public void OnUpdate(JsonObject oldObj, JsonObject newObj)
    {
        if (!JsonNode.DeepEquals(oldObj["status"]?["latestRef"], newObj["status"]?["latestRef"])
            || !JsonNode.DeepEquals(oldObj["metadata"]?["labels"], newObj["metadata"]?["labels"]))
        {
            EnqueueNamespace(newObj);
        }
    }

    public void OnDelete(JsonObject obj) => EnqueueNamespace(obj);

    private void EnqueueNamespace(JsonObject policy)
    {
        var ns = new KubeObject(policy).Namespace ?? "";
        foreach (var automation in automations.List(ns))
        {
            enqueue(new ReconcileRequest(ns, new KubeObject(automation).Name));
        }
    }
}
