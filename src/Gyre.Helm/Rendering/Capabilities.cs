namespace Gyre.Helm.Rendering;

/// <summary>The .Capabilities object: the cluster's Kubernetes version and API versions, and the Helm version.</summary>
public sealed record Capabilities
{
    /// <summary>
    /// helm template's Kubernetes version when not talking to a cluster. Released Helm binaries stamp in the client-go
    /// version they were built with (Helm 3.17: v1.32.0); the v1.20.0 in Helm's source is only the fallback.
    /// </summary>
    public const string DefaultKubeVersion = "v1.32.0";

    /// <summary>The Helm version Gyre reports to charts.</summary>
    public const string DefaultHelmVersion = "v3.17.0";

    /// <summary>The Kubernetes version ("v1.31.2"; a leading "v" is added when missing).</summary>
    public string KubeVersion { get; init; } = DefaultKubeVersion;

    /// <summary>"group/version" and "group/version/Kind" entries, as discovery reports them (plus Helm's defaults).</summary>
    public IReadOnlyList<string> ApiVersions { get; init; } = DefaultApiVersions.All;

    public string HelmVersion { get; init; } = DefaultHelmVersion;

    /// <summary>The default capabilities of `helm template` plus extra API versions (--api-versions).</summary>
    public static Capabilities ForTemplate(string? kubeVersion = null, IEnumerable<string>? extraApiVersions = null) => new()
    {
        KubeVersion = kubeVersion is null or "" ? DefaultKubeVersion : kubeVersion,
        ApiVersions = [.. DefaultApiVersions.All, .. extraApiVersions ?? []],
    };
}
