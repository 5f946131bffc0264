namespace Gyre.Kube.Auth;

/// <summary>What a credential plugin returned. A class so no generated ToString prints the token.</summary>
internal sealed class ExecCredential
{
    public string? Token { get; init; }

    public string? ClientCertificatePem { get; init; }

    public string? ClientKeyPem { get; init; }

    /// <summary>When the credential stops being valid; null means until the server rejects it.</summary>
    public DateTimeOffset? ExpirationTimestamp { get; init; }
}
