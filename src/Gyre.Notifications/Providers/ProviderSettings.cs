namespace Gyre.Notifications.Providers;

/// <summary>
/// A Provider with its Secret resolved: where and how to deliver. <see cref="ToString"/> never shows credentials, so
/// settings can be logged safely.
/// </summary>
public sealed record ProviderSettings
{
    public required string Type { get; init; }

    public string Namespace { get; init; } = "default";

    public string Name { get; init; } = string.Empty;

    /// <summary>The Provider's UID; commit-status contexts end with its first 8 characters, as Flux's do.</summary>
    public string? Uid { get; init; }

    /// <summary>spec.address, overridden by the Secret's `address` key.</summary>
    public string? Address { get; init; }

    public string? Channel { get; init; }

    public string? Username { get; init; }

    /// <summary>The Secret's `password` key (Bitbucket app passwords, Grafana basic auth).</summary>
    public string? Password { get; init; }

    /// <summary>The Secret's `token` key: API token, routing key, HMAC key.</summary>
    public string? Token { get; init; }

    /// <summary>The Secret's `headers` key: extra HTTP headers for generic endpoints.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    public string? Proxy { get; init; }

    /// <summary>certSecretRef's `ca.crt` (PEM) to trust for this endpoint.</summary>
    public string? CaCertificate { get; init; }

    /// <summary>certSecretRef's `tls.crt` and `tls.key` (PEM) for mutual TLS.</summary>
    public string? ClientCertificate { get; init; }

    public string? ClientKey { get; init; }

    public bool Suspend { get; init; }

    public string Where => $"Provider {Namespace}/{Name}";

    public string RequireAddress() =>
        string.IsNullOrEmpty(Address)
            ? throw new NotificationException(Where, $"type {Type} needs an address; set spec.address or the Secret's address key")
            : Address;

    public string RequireToken() =>
        string.IsNullOrEmpty(Token)
            ? throw new NotificationException(Where, $"type {Type} needs a token; set the 'token' key in spec.secretRef's Secret")
            : Token;

    public string RequireChannel() =>
        string.IsNullOrEmpty(Channel)
            ? throw new NotificationException(Where, $"type {Type} needs spec.channel")
            : Channel;

    public override string ToString() => $"{Where} ({Type})";
}
