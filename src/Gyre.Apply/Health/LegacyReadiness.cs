using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Manifests;
using static Gyre.Apply.Health.StatusFields;

namespace Gyre.Apply.Health;

/// <summary>
/// Helm 3's readiness rules (pkg/kube ReadyChecker, the "legacy" wait): Pods ready; Jobs complete (only when jobs are
/// checked; a Job failed more often than its backoffLimit is an error); Deployments with their new ReplicaSet's ready
/// replicas at least replicas minus maxUnavailable (paused ones count as ready); PVCs bound; Services with a cluster
/// IP, and LoadBalancers with an ingress or an external IP; DaemonSets and StatefulSets rolled out; CRDs established.
/// Every other kind is ready once it exists. Current means ready, InProgress not yet, Failed an error that ends the
/// wait. Pure: the caller reads the objects (and a Deployment's new ReplicaSet) from the cluster.
/// </summary>
public static class LegacyReadiness
{
    /// <param name="newReplicaSet">
    /// A Deployment's new ReplicaSet; null when the cluster keeps none for it (a cluster without the deployment
    /// controller, such as Gyre's local cluster), in which case the Deployment's own status stands in for it.
    /// </param>
    public static HealthResult Check(KubeObject obj, bool checkJobs, KubeObject? newReplicaSet = null)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return (obj.Group, obj.Kind) switch
        {
            ("", "Pod") => Pod(obj),
            ("batch", "Job") => checkJobs ? Job(obj) : Ready("Job is not waited for"),
            ("apps", "Deployment") => Deployment(obj, newReplicaSet),
            ("", "PersistentVolumeClaim") => String(obj, "status.phase") == "Bound" ? Ready("PersistentVolumeClaim is bound") : NotReady("PersistentVolumeClaim is not bound"),
            ("", "Service") => Service(obj),
            ("apps", "DaemonSet") => DaemonSet(obj),
            ("apiextensions.k8s.io", "CustomResourceDefinition") => ConditionIs(Condition(obj, "Established"), "True") || ConditionIs(Condition(obj, "NamesAccepted"), "False")
                ? Ready("CustomResourceDefinition is established")
                : NotReady("CustomResourceDefinition is not established"),
            ("apps", "StatefulSet") => StatefulSet(obj),
            ("", "ReplicationController") or ("apps", "ReplicaSet") => Observed(obj) ? Ready($"{obj.Kind} is ready") : NotReady(Generation(obj)),
            _ => Ready("Resource exists"),
        };
    }

    /// <summary>A Pod is ready when its Ready condition is True.</summary>
    public static HealthResult Pod(KubeObject pod) =>
        ConditionIs(Condition(pod, "Ready"), "True") ? Ready("Pod is ready") : NotReady($"Pod {pod.Namespace}/{pod.Name} is not ready");

    private static HealthResult Job(KubeObject job)
    {
        if (Int(job, "status.failed") > Int(job, "spec.backoffLimit", 6))
        {
            return HealthResult.Failed($"job is failed: {job.Namespace}/{job.Name}");
        }

        // The API server defaults completions to 1 when neither completions nor parallelism is set.
        var completions = Has(job, "spec.completions") ? Int(job, "spec.completions") : Has(job, "spec.parallelism") ? (long?)null : 1;
        return completions is { } n && Int(job, "status.succeeded") < n ? NotReady("Job is not completed") : Ready("Job is completed");
    }

    private static HealthResult Deployment(KubeObject deployment, KubeObject? newReplicaSet)
    {
        if (deployment.Json["spec"]?["paused"] is JsonValue p && p.TryGetValue<bool>(out var paused) && paused)
        {
            return Ready("Deployment is paused");
        }

        if (newReplicaSet is not null && !Observed(newReplicaSet))
        {
            return NotReady(Generation(newReplicaSet));
        }

        if (!Observed(deployment))
        {
            return NotReady(Generation(deployment));
        }

        var replicas = Int(deployment, "spec.replicas", 1);
        var expected = replicas - MaxUnavailable(deployment, replicas);
        var ready = newReplicaSet is not null ? Int(newReplicaSet, "status.readyReplicas") : Int(deployment, "status.readyReplicas");
        return ready < expected
            ? NotReady($"Deployment does not have enough pods ready: {ready}/{expected}")
            : Ready($"Deployment is ready: {ready}/{expected}");
    }

    private static HealthResult Service(KubeObject service)
    {
        var type = String(service, "spec.type") ?? "ClusterIP";
        if (type == "ExternalName")
        {
            return Ready("ExternalName Service");
        }

        if (string.IsNullOrEmpty(String(service, "spec.clusterIP")))
        {
            return NotReady("Service does not have cluster IP address");
        }

        return type == "LoadBalancer" && !(service.Json["spec"]?["externalIPs"] is JsonArray { Count: > 0 }) && !Has(service, "status.loadBalancer.ingress")
            ? NotReady("Service does not have load balancer ingress IP address")
            : Ready("Service is ready");
    }

    private static HealthResult DaemonSet(KubeObject daemonSet)
    {
        if (!Observed(daemonSet))
        {
            return NotReady(Generation(daemonSet));
        }

        if ((String(daemonSet, "spec.updateStrategy.type") ?? "RollingUpdate") != "RollingUpdate")
        {
            return Ready("DaemonSet is ready");
        }

        var desired = Int(daemonSet, "status.desiredNumberScheduled");
        if (Int(daemonSet, "status.updatedNumberScheduled") != desired)
        {
            return NotReady($"DaemonSet does not have enough Pods scheduled: {Int(daemonSet, "status.updatedNumberScheduled")}/{desired}");
        }

        var expected = desired - Scaled(daemonSet.Json["spec"]?["updateStrategy"]?["rollingUpdate"]?["maxUnavailable"], desired, roundUp: true, fallback: 1);
        var ready = Int(daemonSet, "status.numberReady");
        return ready < expected ? NotReady($"DaemonSet does not have enough Pods ready: {ready}/{expected}") : Ready("DaemonSet is ready");
    }

    private static HealthResult StatefulSet(KubeObject set)
    {
        if (!Observed(set))
        {
            return NotReady(Generation(set));
        }

        if ((String(set, "spec.updateStrategy.type") ?? "RollingUpdate") != "RollingUpdate")
        {
            return Ready("StatefulSet is ready");
        }

        var partition = Int(set, "spec.updateStrategy.rollingUpdate.partition");
        var replicas = Int(set, "spec.replicas", 1);
        if (Int(set, "status.updatedReplicas") < replicas - partition)
        {
            return NotReady($"StatefulSet does not have enough Pods scheduled: {Int(set, "status.updatedReplicas")}/{replicas - partition}");
        }

        if (Int(set, "status.readyReplicas") != replicas)
        {
            return NotReady($"StatefulSet does not have enough Pods ready: {Int(set, "status.readyReplicas")}/{replicas}");
        }

        return partition == 0 && String(set, "status.currentRevision") != String(set, "status.updateRevision")
            ? NotReady("StatefulSet is not ready, currentRevision does not match updateRevision")
            : Ready("StatefulSet is ready");
    }

    // deploymentutil.MaxUnavailable: 0 unless a rolling update; maxSurge rounds up, maxUnavailable down (defaults 25%);
    // both 0 makes maxUnavailable 1; never more than the replicas.
    private static long MaxUnavailable(KubeObject deployment, long replicas)
    {
        if ((String(deployment, "spec.strategy.type") ?? "RollingUpdate") != "RollingUpdate" || replicas == 0)
        {
            return 0;
        }

        var rolling = deployment.Json["spec"]?["strategy"]?["rollingUpdate"];
        var surge = Scaled(rolling?["maxSurge"] ?? JsonValue.Create("25%"), replicas, roundUp: true, fallback: 0);
        var unavailable = Scaled(rolling?["maxUnavailable"] ?? JsonValue.Create("25%"), replicas, roundUp: false, fallback: 0);
        if (surge == 0 && unavailable == 0)
        {
            unavailable = 1;
        }

        return Math.Min(unavailable, replicas);
    }

    // intstr.GetScaledValueFromIntOrPercent: an int as is, "N%" of total rounded as asked.
    private static long Scaled(JsonNode? value, long total, bool roundUp, long fallback)
    {
        if (value is JsonValue v && v.TryGetValue<long>(out var number))
        {
            return number;
        }

        if (value is JsonValue s && s.TryGetValue<string>(out var text) && text.EndsWith('%')
            && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            var scaled = total * percent / 100.0;
            return (long)(roundUp ? Math.Ceiling(scaled) : Math.Floor(scaled));
        }

        return value is null ? fallback : total;
    }

    private static bool Observed(KubeObject obj) => Int(obj, "status.observedGeneration") == obj.Generation;

    private static string Generation(KubeObject obj) =>
        $"{obj.Kind} is not ready, observedGeneration {Int(obj, "status.observedGeneration")} does not match generation {obj.Generation}";

    private static HealthResult Ready(string message) => HealthResult.Current(message);

    private static HealthResult NotReady(string message) => HealthResult.InProgress(message);
}
