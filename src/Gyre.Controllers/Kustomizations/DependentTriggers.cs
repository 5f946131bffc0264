using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Kube.Informers;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// Event-driven dependencies (where Flux polls every 30s): when a Kustomization becomes Ready or applies a new
/// revision, every Kustomization that depends on it is queued at once; when a source stores a new artifact revision,
/// every Kustomization built from it is queued.
/// </summary>
internal sealed class DependentTriggers(ObjectCache kustomizations, Action<ReconcileRequest> enqueue)
{
    public void OnKustomizationUpdate(KubeObject before, KubeObject after)
    {
        if (!IsReady(after))
        {
            return;
        }

        if ((string?)before.Json["status"]?["lastAppliedRevision"] != (string?)after.Json["status"]?["lastAppliedRevision"])
        {
            EnqueueDependents(after, waitingOnly: false);
        }
        else if (!IsReady(before))
        {
            // Ready again at the same revision (every run passes through Ready=Unknown): only dependents still waiting
            // need to look again; the ready ones have nothing new to apply.
            EnqueueDependents(after, waitingOnly: true);
        }
    }

    /// <summary>A dependency that was "not found" now exists: its dependents look again (and may find a cycle).</summary>
    public void OnKustomizationAdded(KubeObject added) => EnqueueDependents(added, waitingOnly: false);

    private void EnqueueDependents(KubeObject after, bool waitingOnly)
    {
        // Runs on every added Kustomization: a scan without sorting, skipping at once those with no dependsOn.
        foreach (var json in kustomizations.Values)
        {
            if (json["spec"]?["dependsOn"] is not JsonArray { Count: > 0 } dependsOn)
            {
                continue;
            }

            var candidate = new KubeObject(json);
            var ns = candidate.Namespace ?? string.Empty;
            var dependsOnIt = dependsOn.OfType<JsonObject>()
                .Any(d => (string?)d["name"] == after.Name && ((string?)d["namespace"] ?? ns) == after.Namespace);
            if (dependsOnIt && (!waitingOnly || !IsReady(candidate)))
            {
                enqueue(new ReconcileRequest(ns, candidate.Name));
            }
        }
    }

    public void OnSourceUpdate(KubeObject source)
    {
        foreach (var candidate in kustomizations.Values.Select(o => new KubeObject(o)))
        {
            var sourceRef = candidate.Json["spec"]?["sourceRef"];
            if ((string?)sourceRef?["kind"] == source.Kind && (string?)sourceRef?["name"] == source.Name
                && ((string?)sourceRef?["namespace"] ?? candidate.Namespace) == source.Namespace)
            {
                enqueue(new ReconcileRequest(candidate.Namespace ?? string.Empty, candidate.Name));
            }
        }
    }

    private static bool IsReady(KubeObject obj)
    {
        var status = obj.Json["status"];
        var observed = status?["observedGeneration"] is JsonValue g && g.TryGetValue<long>(out var n) ? n : -1;
        return observed == obj.Generation && ConditionSet.Read(status).IsTrue(ConditionTypes.Ready);
    }
}
