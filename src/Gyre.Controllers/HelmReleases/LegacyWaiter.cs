using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Apply.Health;
using Gyre.Controllers.Kustomizations;
using Gyre.Kube;
using Gyre.Kube.Discovery;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// waitStrategy legacy: Helm 3's wait (pkg/kube wait.go with <see cref="LegacyReadiness"/>): polls every object until
/// all are ready, stops at the first error (a failed Job), and gives up at the timeout naming what is not ready yet.
/// A Deployment is judged by its new ReplicaSet, and a ReplicaSet or ReplicationController also by its Pods.
/// </summary>
internal sealed class LegacyWaiter(KubeClient client, TimeSpan pollInterval, TimeProvider time)
{
    public async Task WaitAsync(IReadOnlyList<KubeObject> objects, TimeSpan timeout, bool waitForJobs, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var pending = new List<string>();
            foreach (var obj in objects)
            {
                var result = await CheckAsync(obj, waitForJobs, cancellationToken).ConfigureAwait(false);
                var name = string.IsNullOrEmpty(obj.Namespace) ? $"{obj.Kind}/{obj.Name}" : $"{obj.Kind}/{obj.Namespace}/{obj.Name}";
                if (result.Status == HealthStatus.Failed)
                {
                    throw new ReconcileStepException(Reasons.HealthCheckFailed, $"{name}: {result.Message}");
                }

                if (result.Status != HealthStatus.Current)
                {
                    pending.Add($"{name}: {result.Message}");
                }
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ReconcileStepException(Reasons.HealthCheckFailed,
                    $"timed out waiting for the condition after {GoDuration.Format(timeout)}: [{string.Join(", ", pending)}]");
            }

            await Task.Delay(pollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HealthResult> CheckAsync(KubeObject obj, bool waitForJobs, CancellationToken cancellationToken)
    {
        ResourceClient resource;
        try
        {
            resource = await client.ForKindAsync(obj.ApiVersion, obj.Kind, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeMappingException)
        {
            return HealthResult.InProgress($"no matches for kind {obj.Kind} in {obj.ApiVersion}");
        }

        var ns = resource.Resource.Namespaced ? obj.Namespace : null;
        if (await ServerSideApplier.GetAsync(resource, ns, obj.Name, cancellationToken).ConfigureAwait(false) is not { } json)
        {
            return HealthResult.InProgress("Resource not found");
        }

        var live = new KubeObject(json);
        var newReplicaSet = live.Kind == "Deployment" && live.Group == "apps" ? await NewReplicaSetAsync(live, cancellationToken).ConfigureAwait(false) : null;
        var result = LegacyReadiness.Check(live, waitForJobs, newReplicaSet);
        if (result.Status == HealthStatus.Current && live.Kind is "ReplicaSet" or "ReplicationController")
        {
            var pods = await client.ForKindAsync("v1", "Pod", cancellationToken).ConfigureAwait(false);
            var list = await pods.ListAsync(ns, new ListOptions { LabelSelector = Selector(live) }, cancellationToken).ConfigureAwait(false);
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
