namespace Gyre.Sources.Oci;

/// <summary>How to reach a registry: credentials, trust and whether plain HTTP is acceptable.</summary>
public sealed record OciClientOptions
{
    public RegistryCredentials? Credentials { get; init; }

    /// <summary>PEM roots from certSecretRef's ca.crt.</summary>
    public byte[]? CaCertificate { get; init; }

    /// <summary>Client certificate and key (PEM) from certSecretRef's tls.crt and tls.key, for mutual TLS.</summary>
    public byte[]? ClientCertificate { get; init; }

    public byte[]? ClientKey { get; init; }

    /// <summary>spec.proxySecretRef as a proxy (null: no proxy).</summary>
    public System.Net.IWebProxy? Proxy { get; init; }

    /// <summary>spec.insecure: talk plain HTTP.</summary>
    public bool Insecure { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Shared token cache (null: authenticate afresh in every client).</summary>
    public RegistryTokenCache? TokenCache { get; init; }
}
