using Gyre.Manifests;

namespace Gyre.Apply.Ordering;

/// <summary>
/// The order Flux applies objects in (fluxcd/pkg ssa sort): a fixed rank for well-known kinds so that what others
/// refer to exists first (CRDs and Namespaces first, webhooks last), then group, kind, namespace and name for a
/// result that does not depend on input order.
/// </summary>
public sealed class ApplyOrder : IComparer<ObjectRef>
{
    public static readonly ApplyOrder Instance = new();

    private static readonly string[] First =
    [
        "CustomResourceDefinition", "Namespace", "ResourceQuota", "StorageClass", "ServiceAccount", "PodSecurityPolicy",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Service", "LimitRange",
        "PriorityClass", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
    ];

    private static readonly string[] Last = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    private static readonly Dictionary<string, int> Rank = BuildRank();

    public static List<KubeObject> Sort(IEnumerable<KubeObject> objects) =>
        objects.OrderBy(o => o.Ref, Instance).ToList();

    public int Compare(ObjectRef? x, ObjectRef? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        if (x.Group != y.Group || x.Kind != y.Kind)
        {
            var byRank = RankOf(x.Kind).CompareTo(RankOf(y.Kind));
            if (byRank != 0)
            {
                return byRank;
            }

            var byGroup = string.CompareOrdinal(x.Group, y.Group);
            return byGroup != 0 ? byGroup : string.CompareOrdinal(x.Kind, y.Kind);
        }

        var byNamespace = string.CompareOrdinal(x.Namespace, y.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(x.Name, y.Name);
    }

    private static int RankOf(string kind) => Rank.TryGetValue(kind, out var rank) ? rank : 0;

    private static Dictionary<string, int> BuildRank()
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < First.Length; i++)
        {
            rank[First[i]] = -First.Length + i;
        }

        for (var i = 0; i < Last.Length; i++)
        {
            rank[Last[i]] = 1 + i;
        }

        return rank;
    }
}
