namespace Gyre.Controllers.HelmReleases;

/// <summary>helm-controller's flags that matter to a reconcile.</summary>
internal sealed record HelmReleaseReconcilerOptions
{
    public TimeSpan RequeueDependency { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    public bool NoCrossNamespaceRefs { get; init; }

    /// <summary>--default-service-account: impersonated when spec.serviceAccountName is empty.</summary>
    public string? DefaultServiceAccount { get; init; }
}
