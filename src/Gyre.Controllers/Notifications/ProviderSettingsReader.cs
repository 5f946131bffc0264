using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Manifests;
using Gyre.Manifests.Yaml;
using Gyre.Notifications;
using Gyre.Notifications.Providers;

namespace Gyre.Controllers.Notifications;

/// <summary>
/// Reads a Provider (notification.toolkit.fluxcd.io/v1beta3) and the Secrets it names into delivery settings:
/// secretRef keys address, token, username, password, headers (a YAML map), proxy; certSecretRef ca.crt, tls.crt,
/// tls.key; proxySecretRef address, username, password.
/// </summary>
internal static class ProviderSettingsReader
{
    public static async Task<ProviderSettings> ReadAsync(KubeClient client, KubeObject provider, CancellationToken cancellationToken)
    {
        var where = $"Provider {provider.Namespace}/{provider.Name}";
        var spec = provider.Json["spec"] as JsonObject ?? throw new NotificationException(where, "spec is required");
        var type = (string?)spec["type"] is { Length: > 0 } t ? t : throw new NotificationException(where, "spec.type is required");
        var timeout = TimeSpan.FromSeconds(15);
        if ((string?)spec["timeout"] is { Length: > 0 } text && !GoDuration.TryParse(text, out timeout))
        {
            throw new NotificationException(where, $"spec.timeout '{text}' is not a duration such as 30s");
        }

        var secret = await SecretAsync(client, provider, spec["secretRef"], "spec.secretRef", cancellationToken).ConfigureAwait(false);
        var certs = await SecretAsync(client, provider, spec["certSecretRef"], "spec.certSecretRef", cancellationToken).ConfigureAwait(false);
        var proxy = await SecretAsync(client, provider, spec["proxySecretRef"], "spec.proxySecretRef", cancellationToken).ConfigureAwait(false);
        return new ProviderSettings
        {
            Type = type,
            Namespace = provider.Namespace ?? "default",
            Name = provider.Name,
            Uid = provider.Uid,
            Address = Value(secret, "address") ?? (string?)spec["address"],
            Channel = (string?)spec["channel"],
            Username = Value(secret, "username") ?? (string?)spec["username"],
            Password = Value(secret, "password"),
            Token = Value(secret, "token"),
            Headers = Headers(Value(secret, "headers"), where),
            Timeout = timeout,
            Proxy = ProxyAddress(proxy) ?? Value(secret, "proxy") ?? (string?)spec["proxy"],
            CaCertificate = Value(certs, "ca.crt") ?? Value(certs, "caFile"),
            ClientCertificate = Value(certs, "tls.crt") ?? Value(certs, "certFile"),
            ClientKey = Value(certs, "tls.key") ?? Value(certs, "keyFile"),
            Suspend = spec["suspend"] is JsonValue s && s.GetValueKind() == JsonValueKind.True,
        };
    }

    private static async Task<IReadOnlyDictionary<string, byte[]>?> SecretAsync(
        KubeClient client, KubeObject provider, JsonNode? reference, string field, CancellationToken cancellationToken)
    {
        if ((string?)reference?["name"] is not { Length: > 0 } name)
        {
            return null;
        }

        var secret = await ObjectReader.GetAsync(client, "v1", "Secret", provider.Namespace, name, cancellationToken).ConfigureAwait(false)
            ?? throw new NotificationException($"Provider {provider.Namespace}/{provider.Name}", $"{field}: Secret '{name}' not found; create it in namespace '{provider.Namespace}'", isTransient: true);
        return ObjectReader.SecretData(secret);
    }

    private static string? Value(IReadOnlyDictionary<string, byte[]>? data, string key) =>
        data is not null && data.TryGetValue(key, out var bytes) ? ObjectReader.Text(bytes).Trim() : null;

    private static string? ProxyAddress(IReadOnlyDictionary<string, byte[]>? data)
    {
        if (Value(data, "address") is not { } address)
        {
            return null;
        }

        if (Value(data, "username") is { Length: > 0 } user && Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            return new UriBuilder(uri) { UserName = Uri.EscapeDataString(user), Password = Uri.EscapeDataString(Value(data, "password") ?? string.Empty) }.Uri.ToString();
        }

        return address;
    }

    private static Dictionary<string, string> Headers(string? yaml, string where)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return headers;
        }

        JsonNode? parsed;
        try
        {
            parsed = YamlReader.ReadSingle(yaml);
        }
        catch (ManifestException ex)
        {
            throw new NotificationException(where, $"the Secret's headers key is not a YAML map: {ex.Reason}");
        }

        foreach (var (key, value) in parsed as JsonObject ?? throw new NotificationException(where, "the Secret's headers key is not a YAML map"))
        {
            headers[key] = value?.ToString() ?? string.Empty;
        }

        return headers;
    }
}
