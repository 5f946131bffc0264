using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Objects;

namespace Gyre.LocalCluster.Simulator;

/// <summary>
/// The status each workload kind reports in a healthy (or deliberately failing) cluster, shaped as the real
/// controllers write it, so kstatus-style health checks read it the same way.
/// </summary>
internal static class WorkloadStatus
{
    public static JsonObject? Desired(string key, JsonObject obj, DateTimeOffset now)
    {
        var meta = new ObjectMeta(obj);
        var mode = meta.Annotation(WorkloadSimulator.Annotation);
        var generation = meta.Generation;
        var replicas = obj["spec"]?["replicas"] is JsonValue r && r.TryGetValue<long>(out var n) ? n : 1;
        var ready = mode is "fail" or "never-ready" ? 0 : replicas;
        var time = ObjectMeta.Timestamp(now);
        var existing = obj["status"] as JsonObject;
        return key switch
        {
            "deployments.apps" => Deployment(meta.Name, generation, replicas, ready, mode, time, existing),
            "replicasets.apps" => new JsonObject
            {
                ["observedGeneration"] = generation,
                ["replicas"] = replicas,
                ["fullyLabeledReplicas"] = replicas,
                ["readyReplicas"] = ready,
                ["availableReplicas"] = ready,
            },
            "statefulsets.apps" => new JsonObject
            {
                ["observedGeneration"] = generation,
                ["replicas"] = replicas,
                ["readyReplicas"] = ready,
                ["currentReplicas"] = replicas,
                ["updatedReplicas"] = replicas,
                ["availableReplicas"] = ready,
                ["currentRevision"] = meta.Name + "-" + Revision(obj),
                ["updateRevision"] = meta.Name + "-" + Revision(obj),
                ["collisionCount"] = 0,
            },
            "daemonsets.apps" => new JsonObject
            {
                ["observedGeneration"] = generation,
                ["desiredNumberScheduled"] = 1,
                ["currentNumberScheduled"] = 1,
                ["numberMisscheduled"] = 0,
                ["numberReady"] = mode is "fail" or "never-ready" ? 0 : 1,
                ["updatedNumberScheduled"] = 1,
                ["numberAvailable"] = mode is "fail" or "never-ready" ? 0 : 1,
            },
            "jobs.batch" => Job(obj, mode, time, existing),
            "services" => Service(obj),
            "persistentvolumeclaims" => Claim(obj),
            _ => null,
        };
    }

    private static JsonObject Deployment(string name, long generation, long replicas, long ready, string mode, string time, JsonObject? existing)
    {
        JsonObject Condition(string type, string status, string reason, string message) => new()
        {
            ["type"] = type,
            ["status"] = status,
            ["lastUpdateTime"] = Keep(existing, type, status, "lastUpdateTime") ?? time,
            ["lastTransitionTime"] = Keep(existing, type, status, "lastTransitionTime") ?? time,
            ["reason"] = reason,
            ["message"] = message,
        };
        var rs = name + "-" + generation.ToString(CultureInfo.InvariantCulture);
        var status = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["replicas"] = replicas,
            ["updatedReplicas"] = replicas,
        };
        if (ready > 0)
        {
            status["readyReplicas"] = ready;
            status["availableReplicas"] = ready;
        }

        if (ready < replicas)
        {
            status["unavailableReplicas"] = replicas - ready;
        }

        status["conditions"] = mode switch
        {
            "fail" => new JsonArray(
                Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."),
                Condition("Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rs}\" has timed out progressing.")),
            "never-ready" => new JsonArray(
                Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."),
                Condition("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{rs}\" is progressing.")),
            _ => new JsonArray(
                Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."),
                Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{rs}\" has successfully progressed.")),
        };
        return status;
    }

    private static JsonObject Job(JsonObject obj, string mode, string time, JsonObject? existing)
    {
        var completions = obj["spec"]?["completions"] is JsonValue c && c.TryGetValue<long>(out var n) ? n : 1;
        var start = existing?["startTime"]?.GetValue<string>() ?? time;
        if (mode == "never-ready")
        {
            return new JsonObject { ["startTime"] = start, ["active"] = 1, ["ready"] = 0, ["uncountedTerminatedPods"] = new JsonObject() };
        }

        JsonObject Condition(string type, string reason, string message) => new()
        {
            ["type"] = type,
            ["status"] = "True",
            ["lastProbeTime"] = Keep(existing, type, "True", "lastProbeTime") ?? time,
            ["lastTransitionTime"] = Keep(existing, type, "True", "lastTransitionTime") ?? time,
            ["reason"] = reason,
            ["message"] = message,
        };
        if (mode == "fail")
        {
            return new JsonObject
            {
                ["startTime"] = start,
                ["failed"] = 1,
                ["ready"] = 0,
                ["uncountedTerminatedPods"] = new JsonObject(),
                ["conditions"] = new JsonArray(
                    Condition("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit"),
                    Condition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit")),
            };
        }

        return new JsonObject
        {
            ["startTime"] = start,
            ["completionTime"] = existing?["completionTime"]?.GetValue<string>() ?? time,
            ["succeeded"] = completions,
            ["ready"] = 0,
            ["terminating"] = 0,
            ["uncountedTerminatedPods"] = new JsonObject(),
            ["conditions"] = new JsonArray(
                Condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods"),
                Condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods")),
        };
    }

    private static JsonObject? Service(JsonObject obj)
    {
        var status = obj["status"]?.DeepClone() as JsonObject ?? new JsonObject { ["loadBalancer"] = new JsonObject() };
        if (obj["spec"]?["type"]?.GetValue<string>() != "LoadBalancer")
        {
            return status;
        }

        // Addresses from 172.18.255.0/24, the range kind's MetalLB examples use, derived from the clusterIP.
        var clusterIp = obj["spec"]?["clusterIP"]?.GetValue<string>() ?? "10.96.0.10";
        var last = clusterIp.Split('.')[^1];
        status["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["ip"] = "172.18.255." + last, ["ipMode"] = "VIP" }) };
        return status;
    }

    private static JsonObject Claim(JsonObject obj)
    {
        var status = new JsonObject
        {
            ["phase"] = "Bound",
            ["accessModes"] = obj["spec"]?["accessModes"]?.DeepClone() ?? new JsonArray("ReadWriteOnce"),
        };
        if (obj["spec"]?["resources"]?["requests"]?["storage"] is { } storage)
        {
            status["capacity"] = new JsonObject { ["storage"] = storage.DeepClone() };
        }

        return status;
    }

    private static string Revision(JsonObject obj) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(obj["spec"]?["template"]?.ToJsonString() ?? string.Empty)))[..10];

    private static string? Keep(JsonObject? existing, string type, string status, string field) =>
        (existing?["conditions"] as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(c => c["type"]?.GetValue<string>() == type && c["status"]?.GetValue<string>() == status)?[field]?.GetValue<string>();
}
