using System.Text.Json.Nodes;
using Gyre.Kube.Informers;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.ImageUpdateAutomations;

/// <summary>
/// As image-automation-controller watches GitRepositories: when one appears or its artifact revision changes, the
/// ImageUpdateAutomations whose sourceRef names it are queued (so an automation waiting for its source starts at once).
/// </summary>
internal sealed class SourceChangeHandler(ObjectCache automations, Action<ReconcileRequest> enqueue) : IInformerHandler
{
    public void OnAdd(JsonObject obj, bool isInInitialList)
    {
        if (!isInInitialList)
        {
            EnqueueUsers(obj);
        }
    }

    public void OnUpdate(JsonObject oldObj, JsonObject newObj)
    {
        if ((string?)oldObj["status"]?["artifact"]?["revision"] != (string?)newObj["status"]?["artifact"]?["revision"])
        {
            EnqueueUsers(newObj);
        }
    }

    public void OnDelete(JsonObject obj)
    {
    }

    private void EnqueueUsers(JsonObject repository)
    {
        var source = new KubeObject(repository);
        foreach (var item in automations.Values)
        {
            var automation = new KubeObject(item);
            var reference = automation.Json["spec"]?["sourceRef"];
            if ((string?)reference?["name"] == source.Name && ((string?)reference?["namespace"] ?? automation.Namespace) == source.Namespace)
            {
                enqueue(new ReconcileRequest(automation.Namespace ?? "", automation.Name));
            }
        }
    }
}
