using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Gyre.Sources.Oci;

/// <summary>
/// Remembers the last authorization a registry accepted for a repository and credential set, until it expires, so
/// a reconcile that finds nothing new costs one HEAD request instead of challenge + token + HEAD. Instance-owned:
/// the composition root shares one across reconciles. Keys hold a digest of the password, never the password.
/// </summary>
public sealed class RegistryTokenCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (AuthenticationHeaderValue Header, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);

    internal AuthenticationHeaderValue? Get(string key) =>
        _entries.TryGetValue(key, out var entry) && entry.Expires > time.GetUtcNow() ? entry.Header : null;

    internal void Put(string key, AuthenticationHeaderValue header, TimeSpan lifetime) =>
        _entries[key] = (header, time.GetUtcNow() + lifetime);

    internal static string KeyOf(string registry, string repository, RegistryCredentials? credentials)
    {
        var secret = credentials is null ? "" : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credentials.Username + "\n" + credentials.Password)));
        return $"{registry}/{repository}|{secret}";
    }
}
