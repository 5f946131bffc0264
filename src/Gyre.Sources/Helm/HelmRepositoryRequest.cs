using Gyre.Sources.Artifacts;

namespace Gyre.Sources.Helm;

/// <summary>Everything a HelmRepository reconcile hands to <see cref="HelmRepositorySource"/>.</summary>
public sealed record HelmRepositoryRequest
{
    public required ArtifactKey Key { get; init; }

    /// <summary>spec.url: http(s):// for type default, oci:// for type oci.</summary>
    public required string Url { get; init; }

    /// <summary>spec.type: <c>default</c> or <c>oci</c>.</summary>
    public string Type { get; init; } = "default";

    /// <summary>username/password from spec.secretRef.</summary>
    public Oci.RegistryCredentials? Credentials { get; init; }

    /// <summary>spec.passCredentials: send the credentials to other hosts too (redirects here, chart URLs in HelmChart).</summary>
    public bool PassCredentials { get; init; }

    /// <summary>ca.crt from spec.certSecretRef.</summary>
    public byte[]? CaCertificate { get; init; }

    /// <summary>tls.crt and tls.key from spec.certSecretRef, for mutual TLS.</summary>
    public byte[]? ClientCertificate { get; init; }

    public byte[]? ClientKey { get; init; }

    /// <summary>spec.insecure (type oci: plain HTTP registry).</summary>
    public bool Insecure { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest index accepted (Flux's default limit is 50 MiB).</summary>
    public long MaxIndexBytes { get; init; } = 50L * 1024 * 1024;

    public Artifact? CurrentArtifact { get; init; }
}
