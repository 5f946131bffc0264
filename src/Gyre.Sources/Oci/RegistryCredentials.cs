using System.Text;
using System.Text.Json;

namespace Gyre.Sources.Oci;

/// <summary>A user name and password for one registry, from a <c>kubernetes.io/dockerconfigjson</c> Secret.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>Finds the entry for <paramref name="registry"/> in a .dockerconfigjson document; null when absent.</summary>
    public static RegistryCredentials? FromDockerConfig(byte[] dockerConfigJson, string registry)
    {
        ArgumentNullException.ThrowIfNull(dockerConfigJson);
        using var document = ParseOrThrow(dockerConfigJson);
        if (!document.RootElement.TryGetProperty("auths", out var auths) || auths.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var entry in auths.EnumerateObject())
        {
            if (HostOf(entry.Name) != registry)
            {
                continue;
            }

            var user = entry.Value.TryGetProperty("username", out var u) ? u.GetString() : null;
            var pass = entry.Value.TryGetProperty("password", out var p) ? p.GetString() : null;
            if ((user is null || pass is null) && entry.Value.TryGetProperty("auth", out var auth) && auth.GetString() is { } encoded)
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                (user, pass) = colon < 0 ? (decoded, "") : (decoded[..colon], decoded[(colon + 1)..]);
            }

            return user is null ? null : new RegistryCredentials(user, pass ?? "");
        }

        return null;
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"RegistryCredentials {{ Username = {Username}, Password = *** }}";

    private static JsonDocument ParseOrThrow(byte[] json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            // The content is secret: say where, never echo it.
            throw new SourceException(".dockerconfigjson", "reading registry credentials", "the Secret's .dockerconfigjson is not valid JSON",
                SourceReasons.AuthenticationFailed);
        }
    }

    private static string HostOf(string key)
    {
        var k = key;
        foreach (var prefix in new[] { "https://", "http://" })
        {
            if (k.StartsWith(prefix, StringComparison.Ordinal))
            {
                k = k[prefix.Length..];
            }
        }

        var slash = k.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? k : k[..slash];
    }
}
