using System.Text;

namespace Gyre.Sources.Git;

/// <summary>
/// The authentication material of a GitRepository's secretRef, keyed as Flux documents it: <c>username</c> +
/// <c>password</c> (HTTPS basic), <c>bearerToken</c>, <c>ca.crt</c> (or legacy <c>caFile</c>), and for SSH
/// <c>identity</c> + <c>known_hosts</c> with <c>password</c> as the key's passphrase.
/// </summary>
public sealed record GitCredentials
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? BearerToken { get; init; }

    public byte[]? CaCertificate { get; init; }

    /// <summary>Client certificate and key for mutual TLS (<c>tls.crt</c>, <c>tls.key</c>).</summary>
    public byte[]? TlsCertificate { get; init; }

    public byte[]? TlsKey { get; init; }

    public byte[]? Identity { get; init; }

    public byte[]? KnownHosts { get; init; }

    /// <summary>Reads the Secret's data (already base64-decoded).</summary>
    public static GitCredentials FromSecret(IReadOnlyDictionary<string, byte[]> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        string? Text(string key) => data.TryGetValue(key, out var v) ? Encoding.UTF8.GetString(v) : null;
        byte[]? Bytes(string key) => data.TryGetValue(key, out var v) ? v : null;
        return new GitCredentials
        {
            Username = Text("username"),
            Password = Text("password"),
            BearerToken = Text("bearerToken"),
            CaCertificate = Bytes("ca.crt") ?? Bytes("caFile"),
            TlsCertificate = Bytes("tls.crt"),
            TlsKey = Bytes("tls.key"),
            Identity = Bytes("identity"),
            KnownHosts = Bytes("known_hosts"),
        };
    }

    /// <summary>Never prints the secret values.</summary>
    public override string ToString() => "GitCredentials { *** }";
}
