namespace Gyre.Api.Kustomize;

/// <summary>spec.deletionPolicy: what happens to applied objects when the Kustomization is deleted.</summary>
public enum DeletionPolicy
{
    /// <summary>Delete them when spec.prune is true (the default).</summary>
    MirrorPrune,
    Delete,
    WaitForTermination,
    Orphan,
}
