using System.Text.Json.Nodes;
using Gyre.Apply.Health;
using Gyre.Controllers.Kustomizations;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// waitStrategy legacy: reads a live object's readiness with Helm 3's rules (<see cref="LegacyReadiness"/>, as Helm's
/// ReadyChecker): a Deployment is judged by its new ReplicaSet, and a ReplicaSet or ReplicationController also by its
/// Pods, which this reads from the cluster. <see cref="HealthWaiter"/> polls with it.
/// </summary>
internal sealed class LegacyReadinessReader(KubeClient client, bool waitForJobs)
{
    public async Task<HealthResult> ReadAsync(KubeObject live, CancellationToken cancellationToken)
    {
        var newReplicaSet = live.Kind == "Deployment" && live.Group == "apps" ? await NewReplicaSetAsync(live, cancellationToken).ConfigureAwait(false) : null;
        var result = LegacyReadiness.Check(live, waitForJobs, newReplicaSet);
        if (result.Status == HealthStatus.Current && live.Kind is "ReplicaSet" or "ReplicationController")
        {
            var pods = await client.ForKindAsync("v1", "Pod", cancellationToken).ConfigureAwait(false);
            var list = await pods.ListAsync(live.Namespace, new ListOptions { LabelSelector = Selector(live) }, cancellationToken).ConfigureAwait(false);
            var notReady = list.Items.Select(p => LegacyReadiness.Pod(new KubeObject(p))).FirstOrDefault(r => r.Status != HealthStatus.Current);
            return notReady ?? result;
        }

        return result;
    }

    // deploymentutil.GetNewReplicaSet: the ReplicaSet the Deployment controls whose pod template is the Deployment's
    // (ignoring the pod-template-hash label the controller adds).
    private async Task<KubeObject?> NewReplicaSetAsync(KubeObject deployment, CancellationToken cancellationToken)
    {
        var sets = await client.ForKindAsync("apps/v1", "ReplicaSet", cancellationToken).ConfigureAwait(false);
        var list = await sets.ListAsync(deployment.Namespace, new ListOptions { LabelSelector = Selector(deployment) }, cancellationToken).ConfigureAwait(false);
        var uid = (string?)deployment.Json["metadata"]?["uid"];
        var template = WithoutHash(deployment.Json["spec"]?["template"]);
        return list.Items
            .Where(rs => (rs["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>().Any(o => (string?)o["uid"] == uid && (bool?)o["controller"] == true))
            .Where(rs => JsonNode.DeepEquals(WithoutHash(rs["spec"]?["template"]), template))
            .Select(rs => new KubeObject(rs))
            .FirstOrDefault();
    }

    private static JsonNode? WithoutHash(JsonNode? template)
    {
        var copy = template?.DeepClone();
        (copy?["metadata"]?["labels"] as JsonObject)?.Remove("pod-template-hash");
        return copy;
    }

    // metav1.LabelSelectorAsSelector for matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist).
    private static string? Selector(KubeObject obj)
    {
        var selector = obj.Json["spec"]?["selector"];
        if (obj.Kind == "ReplicationController")
        {
            return selector is JsonObject labels ? string.Join(",", labels.Select(p => $"{p.Key}={(string?)p.Value}")) : null;
        }

        var terms = (selector?["matchLabels"] as JsonObject ?? []).Select(p => $"{p.Key}={(string?)p.Value}").ToList();
        foreach (var expression in (selector?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = (string?)expression["key"];
            var values = string.Join(",", (expression["values"] as JsonArray ?? []).Select(v => (string?)v));
            terms.Add((string?)expression["operator"] switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key!,
                _ => "!" + key,
            });
        }

        return terms.Count == 0 ? null : string.Join(",", terms);
    }
}
