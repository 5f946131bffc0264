namespace Gyre.Helm.Rendering;

/// <summary>
/// Helm's releaseutil.UninstallOrder: the kind order a release's objects are deleted in by `helm uninstall`. Mostly
/// the reverse of <see cref="InstallOrder"/>, except that Services go early (right after Ingresses) so traffic stops
/// before the workloads behind them; unknown kinds go last, by name, as in the install order.
/// </summary>
public static class UninstallOrder
{
    private static readonly string[] Kinds =
    [
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "APIService", "Ingress", "IngressClass", "Service",
        "CronJob", "Job", "StatefulSet", "HorizontalPodAutoscaler", "Deployment", "ReplicaSet", "ReplicationController", "Pod",
        "DaemonSet", "RoleBindingList", "RoleBinding", "RoleList", "Role", "ClusterRoleBindingList", "ClusterRoleBinding",
        "ClusterRoleList", "ClusterRole", "CustomResourceDefinition", "PersistentVolumeClaim", "PersistentVolume",
        "StorageClass", "ConfigMap", "SecretList", "Secret", "ServiceAccount", "PodDisruptionBudget", "PodSecurityPolicy",
        "LimitRange", "ResourceQuota", "NetworkPolicy", "Namespace", "PriorityClass",
    ];

    private static readonly Dictionary<string, int> Rank = Kinds.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);

    /// <summary>A stable sort by kind in Helm's uninstall order.</summary>
    public static List<T> Sort<T>(IEnumerable<T> items, Func<T, string> kind) => InstallOrder.Sort(items, kind, Rank);
}
