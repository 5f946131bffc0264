using Gyre.Manifests;

namespace Gyre.Apply.Ordering;

/// <summary>Splits a set of objects into Flux's apply stages, each sorted in apply order.</summary>
public static class ApplyStages
{
    public static ApplyStage StageOf(ObjectRef obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj switch
        {
            { Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition" } => ApplyStage.ClusterDefinitions,
            { Group: "", Kind: "Namespace" } => ApplyStage.ClusterDefinitions,
            { Group: "rbac.authorization.k8s.io", Kind: "ClusterRole" } => ApplyStage.ClusterDefinitions,
            _ when obj.Kind.EndsWith("Class", StringComparison.Ordinal) => ApplyStage.Classes,
            _ => ApplyStage.Resources,
        };
    }

    /// <summary>The non-empty stages in order, each with its objects in apply order.</summary>
    public static IReadOnlyList<(ApplyStage Stage, IReadOnlyList<KubeObject> Objects)> Split(IEnumerable<KubeObject> objects) =>
        objects.GroupBy(o => StageOf(o.Ref))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, (IReadOnlyList<KubeObject>)ApplyOrder.Sort(g)))
            .ToList();
}
