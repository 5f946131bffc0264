using System.Security.Cryptography;
using System.Text;

namespace Gyre.Sources.Buckets;

/// <summary>
/// Azure Storage Shared Key authorization (the documented string-to-sign for service version 2015-02-21 and later):
/// the verb, eleven standard headers (an empty Content-Length for 0), the sorted lower-case <c>x-ms-*</c> headers,
/// then the canonicalized resource <c>/&lt;account&gt;&lt;encoded path&gt;</c> followed by one
/// <c>\nname:value</c> line per query parameter (lower-case names in order, decoded values); HMAC-SHA256 with the
/// base64-decoded account key. Pinned against the Azure Storage Python SDK by regenerate-azure-sharedkey.sh.
/// </summary>
public static class AzureSharedKeySigner
{
    private static readonly string[] StandardHeaders =
    [
        "content-encoding", "content-language", "content-length", "content-md5", "content-type", "date",
        "if-modified-since", "if-match", "if-none-match", "if-unmodified-since", "range",
    ];

    /// <summary>The Authorization header value: <c>SharedKey &lt;account&gt;:&lt;signature&gt;</c>.</summary>
    public static string Authorization(
        string account, byte[] accountKey, string method, string encodedPath, IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(method);
        var stringToSign = StringToSign(account, method, encodedPath, query, headers);
        return $"SharedKey {account}:{Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(stringToSign)))}";
    }

    /// <summary>The string that is signed (exposed for diagnosing AuthenticationFailed answers).</summary>
    public static string StringToSign(
        string account, string method, string encodedPath, IEnumerable<KeyValuePair<string, string>> query, IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(headers);
        var byName = headers.Where(h => h.Value.Length > 0)
            .GroupBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);
        var builder = new StringBuilder(method.ToUpperInvariant()).Append('\n');
        foreach (var name in StandardHeaders)
        {
            var value = byName.GetValueOrDefault(name, "");
            builder.Append(name == "content-length" && value == "0" ? "" : value).Append('\n');
        }

        foreach (var (name, value) in byName.Where(h => h.Key.StartsWith("x-ms-", StringComparison.Ordinal)).OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('/').Append(account).Append(encodedPath);
        foreach (var group in query.GroupBy(p => p.Key.ToLowerInvariant(), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(group.Key).Append(':').Append(string.Join(',', group.Select(p => p.Value).Order(StringComparer.Ordinal)));
        }

        return builder.ToString();
    }
}
