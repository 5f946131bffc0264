namespace Gyre.Api.Meta;

/// <summary>The annotations and labels Flux's controllers read and write.</summary>
public static class FluxAnnotations
{
    /// <summary>Any new value asks for a reconcile now; echoed in status.lastHandledReconcileAt.</summary>
    public const string RequestedAt = "reconcile.fluxcd.io/requestedAt";

    /// <summary>The finalizer every Flux object carries.</summary>
    public const string Finalizer = "finalizers.fluxcd.io";

    public const string KustomizeName = "kustomize.toolkit.fluxcd.io/name";
    public const string KustomizeNamespace = "kustomize.toolkit.fluxcd.io/namespace";
    public const string Reconcile = "kustomize.toolkit.fluxcd.io/reconcile";
    public const string Prune = "kustomize.toolkit.fluxcd.io/prune";
    public const string Ssa = "kustomize.toolkit.fluxcd.io/ssa";
    public const string Force = "kustomize.toolkit.fluxcd.io/force";
    public const string Decrypt = "kustomize.toolkit.fluxcd.io/decrypt";
}
