using System.Text;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Objects;

/// <summary>
/// Per-kind defaulting and normalisation that kube-apiserver's registries do on write: Secret stringData folded into
/// data, Service clusterIP allocation and port defaults, Namespace phase and finalizer, workload replicas.
/// </summary>
internal static class KindDefaults
{
    public static void ApplyOnCreate(ResourceInfo resource, JsonObject obj, StoreTransaction tx)
    {
        switch (resource.Kind)
        {
            case "Namespace" when resource.Group.Length == 0:
                obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                SetLabel(obj, "kubernetes.io/metadata.name", new ObjectMeta(obj).Name);
                break;
            case "Service" when resource.Group.Length == 0:
                DefaultService(obj, tx);
                break;
            case "PersistentVolumeClaim" when resource.Group.Length == 0:
                obj["status"] = new JsonObject { ["phase"] = "Pending" };
                break;
            case "Pod" when resource.Group.Length == 0:
                obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
                break;
        }

        ApplyCommon(resource, obj);
    }

    public static void ApplyOnUpdate(ResourceInfo resource, JsonObject old, JsonObject obj)
    {
        if (resource.Kind == "Service" && resource.Group.Length == 0 && obj["spec"] is JsonObject spec && old["spec"] is JsonObject oldSpec)
        {
            // spec.clusterIP is immutable once allocated; an update that omits it keeps the allocated address.
            foreach (var field in new[] { "clusterIP", "clusterIPs" })
            {
                if (spec[field] is null && oldSpec[field] is { } value)
                {
                    spec[field] = value.DeepClone();
                }
            }
        }

        if (resource.Kind == "Namespace" && resource.Group.Length == 0)
        {
            obj["spec"] = old["spec"]?.DeepClone();
            SetLabel(obj, "kubernetes.io/metadata.name", new ObjectMeta(obj).Name);
        }

        ApplyCommon(resource, obj);
    }

    private static void ApplyCommon(ResourceInfo resource, JsonObject obj)
    {
        if (resource.Kind == "Secret" && resource.Group.Length == 0)
        {
            FoldStringData(obj);
        }

        if (resource.Group == "apps" && obj["spec"] is JsonObject spec)
        {
            DefaultWorkload(resource.Kind, spec);
        }
    }

    /// <summary>The apps/v1 defaults (SetDefaults_Deployment/StatefulSet/DaemonSet) that rollout tooling relies on.</summary>
    private static void DefaultWorkload(string kind, JsonObject spec)
    {
        if (kind != "DaemonSet")
        {
            spec["replicas"] ??= 1;
            spec["revisionHistoryLimit"] ??= 10;
        }

        switch (kind)
        {
            case "Deployment":
                spec["progressDeadlineSeconds"] ??= 600;
                spec["strategy"] ??= new JsonObject();
                var strategy = spec["strategy"]!.AsObject();
                strategy["type"] ??= "RollingUpdate";
                if (strategy["type"]!.GetValue<string>() == "RollingUpdate")
                {
                    strategy["rollingUpdate"] ??= new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" };
                }

                break;
            case "StatefulSet":
                spec["podManagementPolicy"] ??= "OrderedReady";
                spec["updateStrategy"] ??= new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["partition"] = 0 } };
                break;
            case "DaemonSet":
                spec["updateStrategy"] ??= new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = 1, ["maxSurge"] = 0 } };
                break;
        }
    }

    /// <summary>stringData is write-only: merged over data base64-encoded, then dropped (core/v1 Secret conversion).</summary>
    private static void FoldStringData(JsonObject obj)
    {
        obj["type"] ??= "Opaque";
        if (obj["stringData"] is not JsonObject stringData)
        {
            obj.Remove("stringData");
            return;
        }

        var data = obj["data"] as JsonObject ?? [];
        obj["data"] = data;
        foreach (var (key, value) in stringData)
        {
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? string.Empty;
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }

        obj.Remove("stringData");
    }

    private static void DefaultService(JsonObject obj, StoreTransaction tx)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        obj["spec"] = spec;
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        var type = spec["type"]!.GetValue<string>();
        if (type != "ExternalName" && spec["clusterIP"] is null)
        {
            var ip = AllocateClusterIp(tx);
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }

        spec["ipFamilies"] ??= new JsonArray("IPv4");
        spec["ipFamilyPolicy"] ??= "SingleStack";
        spec["internalTrafficPolicy"] ??= "Cluster";
        if (spec["ports"] is JsonArray ports)
        {
            var nodePort = 30000;
            foreach (var port in ports.OfType<JsonObject>())
            {
                port["protocol"] ??= "TCP";
                port["targetPort"] ??= port["port"]?.DeepClone();
                if (type is "NodePort" or "LoadBalancer")
                {
                    port["nodePort"] ??= nodePort + (Math.Abs(new ObjectMeta(obj).Name.GetHashCode(StringComparison.Ordinal)) % 2000) + ports.IndexOf(port);
                }
            }
        }

        if (type is "NodePort" or "LoadBalancer")
        {
            spec["externalTrafficPolicy"] ??= "Cluster";
        }

        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    private static string AllocateClusterIp(StoreTransaction tx)
    {
        var used = tx.All("services").Select(s => s.Object["spec"]?["clusterIP"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);

        // 10.96.0.1 is the kubernetes Service in a real cluster; allocation starts after it, in 10.96.0.0/16.
        for (var i = 10; i < 65534; i++)
        {
            var ip = $"10.96.{i / 256}.{i % 256}";
            if (!used.Contains(ip))
            {
                return ip;
            }
        }

        throw new ApiStatusException(500, "InternalError", "Internal error occurred: failed to allocate a serviceIP: range is full");
    }

    private static void SetLabel(JsonObject obj, string key, string value)
    {
        var meta = new ObjectMeta(obj).Node;
        var labels = meta["labels"] as JsonObject ?? [];
        meta["labels"] = labels;
        labels[key] = value;
    }
}
