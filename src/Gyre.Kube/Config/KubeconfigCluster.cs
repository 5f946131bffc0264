namespace Gyre.Kube.Config;

/// <summary>A kubeconfig <c>clusters[]</c> entry. File paths are absolute (resolved against the defining file).</summary>
public sealed record KubeconfigCluster
{
    /// <summary>The entry's name.</summary>
    public required string Name { get; init; }

    /// <summary>The kubeconfig file that defined this entry.</summary>
    public string? SourceFile { get; init; }

    /// <summary>The API server URL.</summary>
    public string? Server { get; init; }

    /// <summary>Path to a PEM CA bundle.</summary>
    public string? CertificateAuthority { get; init; }

    /// <summary>PEM CA bundle bytes (decoded from base64).</summary>
    public byte[]? CertificateAuthorityData { get; init; }

    /// <summary>Skip server certificate verification (insecure).</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The name to verify the server certificate against (SNI), instead of the URL's host.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>An HTTP(S) or SOCKS5 proxy for this cluster.</summary>
    public string? ProxyUrl { get; init; }
}
