using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// The server-side printing columns of built-in kinds, as kube-apiserver's printers (pkg/printers/internalversion)
/// define them: the cells kubectl shows between NAME and AGE.
/// </summary>
internal static class TableColumns
{
    public static IReadOnlyList<(string Name, string Type, int Priority, Func<JsonObject, JsonNode?> Cell)> For(string group, string kind) => (group, kind) switch
    {
        ("", "ConfigMap") => [("Data", "integer", 0, o => Count(o["data"]) + Count(o["binaryData"]))],
        ("", "Secret") => [("Type", "string", 0, o => Str(o, "type")), ("Data", "integer", 0, o => Count(o["data"]))],
        ("", "Namespace") => [("Status", "string", 0, o => Str(o, "status.phase"))],
        ("", "ServiceAccount") => [("Secrets", "integer", 0, o => Count(o["secrets"]))],
        ("", "Service") =>
        [
            ("Type", "string", 0, o => Str(o, "spec.type")),
            ("Cluster-IP", "string", 0, o => Or(Str(o, "spec.clusterIP"), "<none>")),
            ("External-IP", "string", 0, ExternalIp),
            ("Port(s)", "string", 0, Ports),
        ],
        ("", "Pod") =>
        [
            ("Ready", "string", 0, o => $"{Count(o["status"]?["containerStatuses"], c => c["ready"]?.GetValue<bool>() == true)}/{Count(o["spec"]?["containers"])}"),
            ("Status", "string", 0, o => Str(o, "status.phase")),
            ("Restarts", "string", 0, _ => "0"),
        ],
        ("", "PersistentVolumeClaim") =>
        [
            ("Status", "string", 0, o => Str(o, "status.phase")),
            ("Volume", "string", 0, o => Str(o, "spec.volumeName")),
            ("Capacity", "string", 0, o => Str(o, "status.capacity.storage")),
            ("Access Modes", "string", 0, o => AccessModes(o["status"]?["accessModes"])),
            ("StorageClass", "string", 0, o => Or(Str(o, "spec.storageClassName"), "<unset>")),
        ],
        ("apps", "Deployment") =>
        [
            ("Ready", "string", 0, o => $"{Int(o, "status.readyReplicas")}/{Int(o, "spec.replicas")}"),
            ("Up-to-date", "integer", 0, o => Int(o, "status.updatedReplicas")),
            ("Available", "integer", 0, o => Int(o, "status.availableReplicas")),
        ],
        ("apps", "ReplicaSet") =>
        [
            ("Desired", "integer", 0, o => Int(o, "spec.replicas")),
            ("Current", "integer", 0, o => Int(o, "status.replicas")),
            ("Ready", "integer", 0, o => Int(o, "status.readyReplicas")),
        ],
        ("apps", "StatefulSet") => [("Ready", "string", 0, o => $"{Int(o, "status.readyReplicas")}/{Int(o, "spec.replicas")}")],
        ("apps", "DaemonSet") =>
        [
            ("Desired", "integer", 0, o => Int(o, "status.desiredNumberScheduled")),
            ("Current", "integer", 0, o => Int(o, "status.currentNumberScheduled")),
            ("Ready", "integer", 0, o => Int(o, "status.numberReady")),
            ("Up-to-date", "integer", 0, o => Int(o, "status.updatedNumberScheduled")),
            ("Available", "integer", 0, o => Int(o, "status.numberAvailable")),
        ],
        ("batch", "Job") =>
        [
            ("Status", "string", 0, o => JobStatus(o)),
            ("Completions", "string", 0, o => $"{Int(o, "status.succeeded")}/{(o["spec"]?["completions"] is null ? 1 : Int(o, "spec.completions"))}"),
        ],
        ("batch", "CronJob") =>
        [
            ("Schedule", "string", 0, o => Str(o, "spec.schedule")),
            ("Suspend", "boolean", 0, o => o["spec"]?["suspend"]?.GetValue<bool>() ?? false),
            ("Active", "integer", 0, o => Count(o["status"]?["active"])),
        ],
        ("coordination.k8s.io", "Lease") => [("Holder", "string", 0, o => Str(o, "spec.holderIdentity"))],
        ("apiextensions.k8s.io", "CustomResourceDefinition") => [("Created At", "date", 0, o => Str(o, "metadata.creationTimestamp"))],
        ("networking.k8s.io", "Ingress") =>
        [
            ("Class", "string", 0, o => Or(Str(o, "spec.ingressClassName"), "<none>")),
            ("Hosts", "string", 0, o => Or(string.Join(",", (o["spec"]?["rules"] as JsonArray ?? []).Select(r => r?["host"]?.GetValue<string>()).OfType<string>()), "*")),
        ],
        ("autoscaling", "HorizontalPodAutoscaler") =>
        [
            ("Reference", "string", 0, o => ScalingColumns.Reference(o)),
            ("Targets", "string", 0, o => ScalingColumns.Targets(o)),
            ("MinPods", "string", 0, o => ScalingColumns.MinPods(o)),
            ("MaxPods", "integer", 0, o => Int(o, "spec.maxReplicas")),
            ("Replicas", "integer", 0, o => Int(o, "status.currentReplicas")),
        ],
        ("policy", "PodDisruptionBudget") =>
        [
            ("Min Available", "string", 0, o => ScalingColumns.Bound(o, "minAvailable")),
            ("Max Unavailable", "string", 0, o => ScalingColumns.Bound(o, "maxUnavailable")),
            ("Allowed Disruptions", "integer", 0, o => Int(o, "status.disruptionsAllowed")),
        ],
        _ => [],
    };

    public static string Str(JsonObject obj, string path)
    {
        var node = Scale.ReadPath(obj, path);
        return node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? string.Empty;
    }

    private static long Int(JsonObject obj, string path) => Scale.ReadPath(obj, path) is JsonValue v && v.TryGetValue<long>(out var l) ? l : 0;

    private static int Count(JsonNode? node, Func<JsonNode, bool>? predicate = null) => node switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count(n => n is not null && (predicate is null || predicate(n))),
        _ => 0,
    };

    private static string Or(string value, string fallback) => value.Length == 0 ? fallback : value;

    private static JsonNode ExternalIp(JsonObject o)
    {
        var ingress = (o["status"]?["loadBalancer"]?["ingress"] as JsonArray ?? []).Select(i => i?["ip"]?.GetValue<string>()).OfType<string>().ToList();
        return Str(o, "spec.type") == "LoadBalancer" && ingress.Count == 0 ? "<pending>" : Or(string.Join(",", ingress), "<none>");
    }

    private static JsonNode Ports(JsonObject o)
    {
        var ports = (o["spec"]?["ports"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(p => $"{p["port"]}{(p["nodePort"] is null ? string.Empty : ":" + p["nodePort"])}/{p["protocol"]?.GetValue<string>() ?? "TCP"}");
        return Or(string.Join(",", ports), "<none>");
    }

    private static string AccessModes(JsonNode? modes) =>
        string.Join(",", (modes as JsonArray ?? []).Select(m => m?.GetValue<string>() switch
        {
            "ReadWriteOnce" => "RWO",
            "ReadOnlyMany" => "ROX",
            "ReadWriteMany" => "RWX",
            "ReadWriteOncePod" => "RWOP",
            var other => other,
        }));

    private static string JobStatus(JsonObject o)
    {
        var conditions = (o["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().Where(c => c["status"]?.GetValue<string>() == "True").Select(c => c["type"]?.GetValue<string>()).ToList();
        return conditions.Contains("Complete") ? "Complete" : conditions.Contains("Failed") ? "Failed" : "Running";
    }
}
