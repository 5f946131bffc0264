using System.Text.Json.Nodes;
using Gyre.Manifests;
using static Gyre.Apply.Health.StatusFields;

namespace Gyre.Apply.Health;

/// <summary>kstatus' rules for Pods, PVCs, Services, PodDisruptionBudgets and CRDs.</summary>
internal static class CoreHealth
{
    public static HealthResult Pod(KubeObject obj)
    {
        var phase = String(obj, "status.phase") ?? string.Empty;
        switch (phase)
        {
            case "Succeeded":
                return HealthResult.Current("Pod has completed successfully");
            case "Failed":
                return HealthResult.Failed("Pod has completed, but not successfully");
        }

        foreach (var status in (obj.Json["status"]?["containerStatuses"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            if (status["state"]?["waiting"]?["reason"]?.GetValue<string>() == "CrashLoopBackOff")
            {
                return HealthResult.Failed($"Pod is in CrashLoopBackOff: container {status["name"]} keeps failing");
            }
        }

        if (phase == "Running" && ConditionIs(Condition(obj, "Ready"), "True"))
        {
            return HealthResult.Current("Pod is Ready");
        }

        var scheduled = Condition(obj, "PodScheduled");
        if (ConditionIs(scheduled, "False") && ConditionText(scheduled, "reason") == "Unschedulable")
        {
            return HealthResult.InProgress("Pod could not be scheduled: " + ConditionText(scheduled, "message"));
        }

        return HealthResult.InProgress(phase.Length == 0 ? "Pod is not Ready" : $"Pod phase is {phase}, waiting for Ready");
    }

    public static HealthResult PersistentVolumeClaim(KubeObject obj)
    {
        var phase = String(obj, "status.phase");
        return phase == "Bound"
            ? HealthResult.Current("PVC is Bound")
            : HealthResult.InProgress($"PVC is not Bound. phase: {phase}");
    }

    public static HealthResult Service(KubeObject obj)
    {
        if (String(obj, "spec.type") == "LoadBalancer"
            && (obj.Json["status"]?["loadBalancer"]?["ingress"] as JsonArray ?? []).Count == 0)
        {
            return HealthResult.InProgress("Pending external IP: the LoadBalancer has no ingress yet");
        }

        return HealthResult.Current("Service is ready");
    }

    public static HealthResult PodDisruptionBudget(KubeObject obj)
    {
        var desired = Int(obj, "status.desiredHealthy");
        var current = Int(obj, "status.currentHealthy");
        return current < desired
            ? HealthResult.InProgress($"Budget not met. healthy replicas: {current}/{desired}")
            : HealthResult.Current($"Budget is met. Replicas: {current}/{desired}");
    }

    public static HealthResult CustomResourceDefinition(KubeObject obj)
    {
        var names = Condition(obj, "NamesAccepted");
        if (ConditionIs(names, "False"))
        {
            return HealthResult.Failed("CRD names have not been accepted: " + ConditionText(names, "message"));
        }

        return ConditionIs(Condition(obj, "Established"), "True")
            ? HealthResult.Current("CRD is established")
            : HealthResult.InProgress("Install in progress");
    }
}
