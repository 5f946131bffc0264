namespace Gyre.Kube.Config;

/// <summary>
/// A kubeconfig <c>users[]</c> entry. A class rather than a record so that no generated ToString prints secrets.
/// </summary>
public sealed class KubeconfigUser
{
    /// <summary>The entry's name.</summary>
    public required string Name { get; init; }

    /// <summary>The kubeconfig file that defined this entry.</summary>
    public string? SourceFile { get; init; }

    /// <summary>Path to a PEM client certificate.</summary>
    public string? ClientCertificate { get; init; }

    /// <summary>PEM client certificate bytes.</summary>
    public byte[]? ClientCertificateData { get; init; }

    /// <summary>Path to the PEM private key of the client certificate.</summary>
    public string? ClientKey { get; init; }

    /// <summary>PEM private key bytes.</summary>
    public byte[]? ClientKeyData { get; init; }

    /// <summary>A bearer token.</summary>
    public string? Token { get; init; }

    /// <summary>A file holding a bearer token, re-read periodically (rotated service-account tokens).</summary>
    public string? TokenFile { get; init; }

    /// <summary>Basic-auth user name.</summary>
    public string? Username { get; init; }

    /// <summary>Basic-auth password.</summary>
    public string? Password { get; init; }

    /// <summary>User to impersonate (<c>as</c>).</summary>
    public string? Impersonate { get; init; }

    /// <summary>Groups to impersonate (<c>as-groups</c>).</summary>
    public IReadOnlyList<string> ImpersonateGroups { get; init; } = [];

    /// <summary>UID to impersonate (<c>as-uid</c>).</summary>
    public string? ImpersonateUid { get; init; }

    /// <summary>Extra user attributes to impersonate (<c>as-user-extra</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ImpersonateExtra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>A credential plugin.</summary>
    public ExecConfig? Exec { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"user {Name}";
}
