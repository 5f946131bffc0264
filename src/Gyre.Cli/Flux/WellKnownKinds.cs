namespace Gyre.Cli.Flux;

/// <summary>API versions of the kinds users trace most, so `gyre trace deployment/podinfo` needs no --api-version.</summary>
internal static class WellKnownKinds
{
    private static readonly Dictionary<string, (string ApiVersion, string Kind)> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["configmap"] = ("v1", "ConfigMap"),
        ["secret"] = ("v1", "Secret"),
        ["service"] = ("v1", "Service"),
        ["serviceaccount"] = ("v1", "ServiceAccount"),
        ["namespace"] = ("v1", "Namespace"),
        ["persistentvolumeclaim"] = ("v1", "PersistentVolumeClaim"),
        ["deployment"] = ("apps/v1", "Deployment"),
        ["statefulset"] = ("apps/v1", "StatefulSet"),
        ["daemonset"] = ("apps/v1", "DaemonSet"),
        ["job"] = ("batch/v1", "Job"),
        ["cronjob"] = ("batch/v1", "CronJob"),
        ["ingress"] = ("networking.k8s.io/v1", "Ingress"),
        ["networkpolicy"] = ("networking.k8s.io/v1", "NetworkPolicy"),
        ["role"] = ("rbac.authorization.k8s.io/v1", "Role"),
        ["rolebinding"] = ("rbac.authorization.k8s.io/v1", "RoleBinding"),
        ["clusterrole"] = ("rbac.authorization.k8s.io/v1", "ClusterRole"),
        ["clusterrolebinding"] = ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
        ["horizontalpodautoscaler"] = ("autoscaling/v2", "HorizontalPodAutoscaler"),
        ["hpa"] = ("autoscaling/v2", "HorizontalPodAutoscaler"),
        ["poddisruptionbudget"] = ("policy/v1", "PodDisruptionBudget"),
    };

    public static (string ApiVersion, string Kind)? Find(string kind)
    {
        if (Kinds.TryGetValue(kind, out var known))
        {
            return known;
        }

        return FluxKinds.ByKind(kind) is { } flux ? (flux.ApiVersion, flux.Kind) : null;
    }
}
