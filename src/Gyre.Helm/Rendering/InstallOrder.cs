namespace Gyre.Helm.Rendering;

/// <summary>Helm's releaseutil.InstallOrder: the kind order manifests are installed in; unknown kinds go last, by name.</summary>
internal static class InstallOrder
{
    private static readonly string[] Kinds =
    [
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
        "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
        "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
        "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
        "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
        "IngressClass", "Ingress", "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    ];

    private static readonly Dictionary<string, int> Rank = Kinds.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);

    /// <summary>A stable sort by kind, as Helm's sortManifestsByKind (sort.SliceStable with lessByKind).</summary>
    public static List<T> Sort<T>(IEnumerable<T> items, Func<T, string> kind) => Sort(items, kind, Rank);

    /// <summary>A stable sort by kind with the given kind ranks; unknown kinds go last, by name.</summary>
    internal static List<T> Sort<T>(IEnumerable<T> items, Func<T, string> kind, Dictionary<string, int> rank)
    {
        var list = items.ToList();
        var indexed = list.Select((item, i) => (item, i)).ToList();
        indexed.Sort((a, b) =>
        {
            var c = Compare(kind(a.item), kind(b.item), rank);
            return c != 0 ? c : a.i.CompareTo(b.i);
        });
        return indexed.Select(p => p.item).ToList();
    }

    private static int Compare(string a, string b, Dictionary<string, int> rank)
    {
        var aok = rank.TryGetValue(a, out var ra);
        var bok = rank.TryGetValue(b, out var rb);
        if (!aok && !bok)
        {
            return string.CompareOrdinal(a, b);
        }
        if (!aok)
        {
            return 1;
        }
        if (!bok)
        {
            return -1;
        }
        return ra.CompareTo(rb);
    }
}
