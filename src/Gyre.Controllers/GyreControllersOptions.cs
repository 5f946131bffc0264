using Gyre.Controllers.Kustomizations;
using Gyre.Notifications.Delivery;

namespace Gyre.Controllers;

/// <summary>What `gyre controller` (and `gyre up`) runs, with the flags Flux's controllers take.</summary>
public sealed record GyreControllersOptions
{
    public const string Source = "source";
    public const string Kustomize = "kustomize";
    public const string Notification = "notification";
    public const string Helm = "helm";
    public const string ImageReflector = "image-reflector";

    /// <summary>image-automation-controller: ImageUpdateAutomation.</summary>
    public const string ImageAutomation = "image-automation";

    /// <summary>The controllers to run: "source" (GitRepository, OCIRepository, HelmRepository, HelmChart), "kustomize" (Kustomization), "helm" (HelmRelease), "notification" (Alert, Provider, Receiver), "image-reflector" (ImageRepository, ImagePolicy), "image-automation" (ImageUpdateAutomation).</summary>
    public IReadOnlySet<string> Controllers { get; init; } = new HashSet<string>(StringComparer.Ordinal) { Source, Kustomize, Helm, Notification, ImageReflector, ImageAutomation };

    /// <summary>--concurrent: objects of one kind reconciled in parallel.</summary>
    public int Concurrent { get; init; } = 4;

    /// <summary>--storage-path: the artifact store.</summary>
    public required string StoragePath { get; init; }

    /// <summary>--storage-addr: where the artifact server listens, e.g. http://127.0.0.1:9090 (port 0 picks one).</summary>
    public string StorageAddress { get; init; } = "http://127.0.0.1:0";

    /// <summary>--storage-adv-addr: the base URL written into artifact URLs; defaults to the bound storage address.</summary>
    public string? StorageAdvertisedAddress { get; init; }

    /// <summary>--metrics-addr for /metrics; null serves none.</summary>
    public string? MetricsAddress { get; init; }

    /// <summary>--health-addr for /healthz and /readyz; null serves none.</summary>
    public string? HealthAddress { get; init; }

    /// <summary>--receiverAddr: where the webhook receiver server listens (controller "notification"; port 0 picks one).</summary>
    public string ReceiverAddress { get; init; } = "http://127.0.0.1:0";

    /// <summary>Scratch space for checkouts and unpacked artifacts.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Install (server-side apply) Gyre's CRDs at start.</summary>
    public bool InstallCrds { get; init; } = true;

    /// <summary>Run only while holding the Lease gyre-controller in this namespace; null disables leader election.</summary>
    public string? LeaderElectionNamespace { get; init; }

    /// <summary>This instance's identity in leader election.</summary>
    public string LeaderElectionIdentity { get; init; } = "gyre-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>
    /// Allow GitRepository URLs over plain http:// (--insecure-allow-http). Off unless asked for: credentials and
    /// content over http can be read and changed on the way; `gyre up` turns it on for its own loopback Git server.
    /// </summary>
    public bool AllowInsecureHttp { get; init; }

    public TimeSpan RequeueDependency { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often health checks poll objects.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>--no-cross-namespace-refs: Kustomizations, HelmReleases and ImagePolicies may only use sources/repositories in their own namespace.</summary>
    public bool NoCrossNamespaceRefs { get; init; }

    /// <summary>--default-service-account: impersonated by Kustomizations and HelmReleases that name no service account.</summary>
    public string? DefaultServiceAccount { get; init; }

    /// <summary>--override-manager: field managers (prefixes) whose fields Kustomizations take over before applying, as kubectl's are.</summary>
    public IReadOnlyCollection<string> OverrideManagers { get; init; } = [];

    /// <summary>Fetches remote kustomize bases (git and http resources); null refuses them (--no-remote-bases).</summary>
    public Gyre.Kustomize.Remote.IRemoteFetcher? KustomizeRemoteFetcher { get; init; }

    internal HelmReleases.HelmReleaseReconcilerOptions HelmReleaseOptions => new()
    {
        RequeueDependency = RequeueDependency,
        PollInterval = PollInterval,
        NoCrossNamespaceRefs = NoCrossNamespaceRefs,
        DefaultServiceAccount = DefaultServiceAccount,
    };

    /// <summary>notification-controller's --events-addr: where external controllers POST events; null serves none.</summary>
    public string? EventsAddress { get; init; } = "http://127.0.0.1:0";

    /// <summary>--rate-limit-interval: identical events inside this window are sent once.</summary>
    public TimeSpan RateLimitInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries and workers of notification delivery.</summary>
    public DeliveryOptions DeliveryOptions { get; init; } = new();

    /// <summary>How often a ready Alert re-reads its Provider and Secrets (a rotated token is picked up).</summary>
    public TimeSpan NotificationResync { get; init; } = TimeSpan.FromMinutes(5);

    internal KustomizationReconcilerOptions KustomizationOptions => new()
    {
        WorkDirectory = WorkDirectory,
        RequeueDependency = RequeueDependency,
        PollInterval = PollInterval,
        NoCrossNamespaceRefs = NoCrossNamespaceRefs,
        DefaultServiceAccount = DefaultServiceAccount,
        RemoteFetcher = KustomizeRemoteFetcher,
        OverrideManagers = OverrideManagers,
    };
}
