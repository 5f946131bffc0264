namespace Gyre.Cli.Flux;

/// <summary>The Flux kinds the CLI manages, at the versions Flux v2.8 serves (flux-api.md).</summary>
internal static class FluxKinds
{
    public static readonly FluxKind GitRepository = new("source.toolkit.fluxcd.io", "v1", "GitRepository", "git", ["gitrepository", "gitrepositories", "gitrepo"], true, "status.artifact.revision");
    public static readonly FluxKind OciRepository = new("source.toolkit.fluxcd.io", "v1", "OCIRepository", "oci", ["ocirepository", "ocirepositories", "ocirepo"], true, "status.artifact.revision");
    public static readonly FluxKind Bucket = new("source.toolkit.fluxcd.io", "v1", "Bucket", "bucket", ["buckets"], true, "status.artifact.revision");
    public static readonly FluxKind HelmRepository = new("source.toolkit.fluxcd.io", "v1", "HelmRepository", "helm", ["helmrepository", "helmrepositories", "helmrepo"], true, "status.artifact.revision");
    public static readonly FluxKind HelmChart = new("source.toolkit.fluxcd.io", "v1", "HelmChart", "chart", ["helmchart", "helmcharts", "hc"], true, "status.artifact.revision");
    public static readonly FluxKind Kustomization = new("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomization", ["kustomizations", "ks"], true, "status.lastAppliedRevision");
    public static readonly FluxKind HelmRelease = new("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmrelease", ["helmreleases", "hr"], true, "status.history.0.chartVersion");
    public static readonly FluxKind Alert = new("notification.toolkit.fluxcd.io", "v1beta3", "Alert", "alert", ["alerts"], false, null);
    public static readonly FluxKind Provider = new("notification.toolkit.fluxcd.io", "v1beta3", "Provider", "alert-provider", ["alert-providers", "provider", "providers"], false, null);
    public static readonly FluxKind Receiver = new("notification.toolkit.fluxcd.io", "v1", "Receiver", "receiver", ["receivers"], true, null);

    public static readonly FluxKind ImageRepository = new("image.toolkit.fluxcd.io", "v1", "ImageRepository", "repository", ["imagerepository", "imagerepositories", "imgrepo", "imagerepo"], true, "status.lastScanResult.scanTime", "LAST SCAN");
    public static readonly FluxKind ImagePolicy = new("image.toolkit.fluxcd.io", "v1", "ImagePolicy", "policy", ["imagepolicy", "imagepolicies", "imgpol", "imagepol"], true, "status.latestRef", "LATEST IMAGE", ShowSuspended: false);
    public static readonly FluxKind ImageUpdateAutomation = new("image.toolkit.fluxcd.io", "v1", "ImageUpdateAutomation", "update", ["imageupdateautomation", "imageupdateautomations", "iua", "imgupd", "imgauto"], true, "status.lastAutomationRunTime", "LAST RUN");

    public static IReadOnlyList<FluxKind> Sources { get; } = [GitRepository, OciRepository, Bucket, HelmRepository, HelmChart];

    public static IReadOnlyList<FluxKind> Images { get; } = [ImageRepository, ImagePolicy, ImageUpdateAutomation];

    public static IReadOnlyList<FluxKind> All { get; } = [GitRepository, OciRepository, Bucket, HelmRepository, HelmChart, Kustomization, HelmRelease, Alert, Provider, Receiver, ImageRepository, ImagePolicy, ImageUpdateAutomation];

    /// <summary>Finds a kind by its Kubernetes kind name (case-insensitive), as in `--kind Kustomization` or `Kustomization/apps`.</summary>
    public static FluxKind? ByKind(string kind) =>
        All.FirstOrDefault(k => string.Equals(k.Kind, kind, StringComparison.OrdinalIgnoreCase) || k.Aliases.Contains(kind, StringComparer.OrdinalIgnoreCase));
}
