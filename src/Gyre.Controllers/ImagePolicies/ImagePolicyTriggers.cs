using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Kube.Informers;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.ImagePolicies;

/// <summary>
/// Wakes the ImagePolicies of an ImageRepository when its scan result changes (a new lastScanResult.revision, or it
/// became Ready), as image-reflector-controller's watch on ImageRepositories does, so a new tag is selected at once.
/// </summary>
internal sealed class ImagePolicyTriggers(ObjectCache policies, Action<ReconcileRequest> enqueue) : IInformerHandler
{
    public void OnAdd(JsonObject obj, bool isInInitialList)
    {
        if (!isInInitialList)
        {
            EnqueuePolicies(obj);
        }
    }

    public void OnUpdate(JsonObject oldObj, JsonObject newObj)
    {
        if (Revision(oldObj) != Revision(newObj) || IsReady(oldObj) != IsReady(newObj))
        {
            EnqueuePolicies(newObj);
        }
    }

    public void OnDelete(JsonObject obj) => EnqueuePolicies(obj);

    private void EnqueuePolicies(JsonObject repository)
    {
        var ns = (string?)repository["metadata"]?["namespace"];
        var name = (string?)repository["metadata"]?["name"];
        foreach (var policy in policies.Values)
        {
            var policyNamespace = (string?)policy["metadata"]?["namespace"] ?? "";
            var reference = policy["spec"]?["imageRepositoryRef"];
            var referencedNamespace = (string?)reference?["namespace"] is { Length: > 0 } n ? n : policyNamespace;
            if ((string?)reference?["name"] == name && referencedNamespace == ns)
            {
                enqueue(new ReconcileRequest(policyNamespace, (string?)policy["metadata"]?["name"] ?? ""));
            }
        }
    }

    private static string? Revision(JsonObject obj) => (string?)obj["status"]?["lastScanResult"]?["revision"];

    private static bool IsReady(JsonObject obj) => ConditionSet.Read(obj["status"]).IsTrue(ConditionTypes.Ready);
}
