using Gyre.Kustomize.Resources;

namespace Gyre.Kustomize.Transformers;

/// <summary>
/// kustomize's legacy resource order (SortOrderTransformer, legacy): kinds in orderFirst come first in that order,
/// orderLast at the end, everything else between; ties broken by group_version_kind, then by id string.
/// </summary>
internal static class LegacySortOrder
{
    public static readonly IReadOnlyList<string> DefaultFirst =
    [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
        "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet",
        "CronJob", "PodDisruptionBudget",
    ];

    public static readonly IReadOnlyList<string> DefaultLast = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    public static IEnumerable<Resource> Sort(IEnumerable<Resource> resources, IReadOnlyList<string> first, IReadOnlyList<string> last)
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < first.Count; i++)
        {
            ranks[first[i]] = -first.Count + i;
        }

        for (var i = 0; i < last.Count; i++)
        {
            ranks[last[i]] = 1 + i;
        }

        var list = resources.Select(r => (Resource: r, Id: r.CurrentId)).ToList();
        list.Sort((a, b) => Compare(a.Id, b.Id, ranks));
        return list.Select(e => e.Resource);
    }

    private static int Compare(ResId a, ResId b, Dictionary<string, int> ranks)
    {
        var sameGvk = a.Group == b.Group && a.Version == b.Version && a.Kind == b.Kind;
        if (!sameGvk)
        {
            var ra = ranks.GetValueOrDefault(a.Kind);
            var rb = ranks.GetValueOrDefault(b.Kind);
            if (ra != rb)
            {
                return ra.CompareTo(rb);
            }

            var cmp = string.CompareOrdinal(GvkKey(a), GvkKey(b));
            if (a.Kind == "Namespace" && b.Kind == "Namespace" && (a.Group.Length == 0 || b.Group.Length == 0))
            {
                return -cmp;
            }

            return cmp;
        }

        return string.CompareOrdinal(IdKey(a), IdKey(b));
    }

    private static string GvkKey(ResId id) =>
        (id.Group.Length == 0 ? "~G" : id.Group) + "_" + (id.Version.Length == 0 ? "~V" : id.Version) + "_" + (id.Kind.Length == 0 ? "~K" : id.Kind);

    private static string IdKey(ResId id) =>
        id.GvkString + "|" + (id.Namespace.Length == 0 ? "~X" : id.Namespace) + "|" + (id.Name.Length == 0 ? "~N" : id.Name);
}
