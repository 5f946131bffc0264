using Gyre.Kustomize.Remote;

namespace Gyre.Controllers.Kustomizations;

/// <summary>kustomize-controller's flags that shape a reconcile.</summary>
public sealed record KustomizationReconcilerOptions
{
    /// <summary>Scratch space for unpacked artifacts (one directory per reconcile, deleted after).</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>--requeue-dependency: how soon to look again at a Kustomization waiting for a source or dependency (Ready events wake it sooner).</summary>
    public TimeSpan RequeueDependency { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often health checks and stage waits poll the objects (Flux: 5s and 2s).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long cluster definitions (CRDs, Namespaces) may take to become ready after apply (Flux: 60s).</summary>
    public TimeSpan StageTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>--no-cross-namespace-refs: refuse a sourceRef in another namespace (AccessDenied, stalled), as Flux does.</summary>
    public bool NoCrossNamespaceRefs { get; init; }

    /// <summary>--default-service-account: the service account impersonated when spec.serviceAccountName is empty.</summary>
    public string? DefaultServiceAccount { get; init; }

    /// <summary>Fetches remote kustomize bases; null refuses them, as Flux's --no-remote-bases does.</summary>
    public IRemoteFetcher? RemoteFetcher { get; init; }
}
