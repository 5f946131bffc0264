namespace Gyre.Apply.Ordering;

/// <summary>
/// Flux applies in stages and waits between them, because later objects depend on earlier ones existing and being
/// ready: cluster definitions (CRDs, Namespaces, ClusterRoles), then classes (StorageClass, IngressClass...), then
/// everything else.
/// </summary>
public enum ApplyStage
{
    ClusterDefinitions = 0,
    Classes = 1,
    Resources = 2,
}
