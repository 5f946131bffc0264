namespace Gyre.Kube.Config;

/// <summary>
/// Everything needed to reach one API server as one user: the resolved form of a kubeconfig context or the
/// in-cluster configuration. Certificate and key material is held as PEM text; <see cref="ToString"/> never prints it.
/// </summary>
public sealed class KubeConnection
{
    /// <summary>The API server's base URL.</summary>
    public required Uri Server { get; init; }

    /// <summary>The default namespace for namespaced requests.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>The context this came from (for messages), or <c>in-cluster</c>.</summary>
    public string? ContextName { get; init; }

    /// <summary>PEM CA bundle to trust instead of the system store.</summary>
    public string? CertificateAuthorityPem { get; init; }

    /// <summary>PEM client certificate.</summary>
    public string? ClientCertificatePem { get; init; }

    /// <summary>PEM private key for <see cref="ClientCertificatePem"/>.</summary>
    public string? ClientKeyPem { get; init; }

    /// <summary>A static bearer token.</summary>
    public string? Token { get; init; }

    /// <summary>A file holding a bearer token, re-read every minute as client-go does.</summary>
    public string? TokenFile { get; init; }

    /// <summary>Basic-auth user name.</summary>
    public string? Username { get; init; }

    /// <summary>Basic-auth password.</summary>
    public string? Password { get; init; }

    /// <summary>Skip server certificate verification.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The name to expect in the server certificate and send as SNI.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>A proxy for all requests to this server.</summary>
    public Uri? ProxyUrl { get; init; }

    /// <summary>A credential plugin.</summary>
    public ExecConfig? Exec { get; init; }

    /// <summary>Who to impersonate, if anyone.</summary>
    public KubeImpersonation? Impersonate { get; init; }

    /// <summary>A copy that impersonates someone else (same server and credentials).</summary>
    public KubeConnection WithImpersonation(KubeImpersonation? impersonate) => new()
    {
        Server = Server, Namespace = Namespace, ContextName = ContextName, CertificateAuthorityPem = CertificateAuthorityPem,
        ClientCertificatePem = ClientCertificatePem, ClientKeyPem = ClientKeyPem, Token = Token, TokenFile = TokenFile,
        Username = Username, Password = Password, InsecureSkipTlsVerify = InsecureSkipTlsVerify, TlsServerName = TlsServerName,
        ProxyUrl = ProxyUrl, Exec = Exec, Impersonate = impersonate,
    };

    /// <summary>The server with any user-info redacted, safe for messages and logs.</summary>
    public string RedactedServer => Redact(Server);

    /// <inheritdoc />
    public override string ToString() => ContextName is null ? RedactedServer : $"{RedactedServer} (context {ContextName})";

    internal static string Redact(Uri uri) =>
        string.IsNullOrEmpty(uri.UserInfo) ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/') : new UriBuilder(uri) { UserName = "REDACTED", Password = string.Empty }.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
}
