using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gyre.Sources.Buckets;

/// <summary>
/// AWS Signature Version 4 for S3 (the Authorization-header form), as the AWS SigV4 documentation and botocore's
/// S3SigV4Auth define it: canonical request (method, the path as sent, sorted RFC 3986-encoded query, sorted
/// lower-case headers with trimmed values, signed header list, payload hash), string to sign over the
/// <c>date/region/service/aws4_request</c> scope, and an HMAC-SHA256 key chain from <c>AWS4&lt;secret&gt;</c>.
/// Pinned against botocore by tests/Gyre.Sources.Tests/Buckets/regenerate-sigv4.sh.
/// </summary>
public static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The payload hash S3 accepts instead of a body digest.</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>The SHA-256 of an empty body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Signs <paramref name="request"/> at <paramref name="time"/> for <paramref name="region"/> and <paramref name="service"/> (s3).</summary>
    public static SigV4Signature Sign(SigV4Request request, AwsCredentials credentials, string region, string service, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var timestamp = time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = timestamp[..8];
        var amz = new List<KeyValuePair<string, string>>
        {
            new("X-Amz-Date", timestamp),
            new("X-Amz-Content-SHA256", request.PayloadHash),
        };
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            amz.Add(new("X-Amz-Security-Token", credentials.SessionToken));
        }

        var signed = request.Headers.Concat(amz).Append(new("host", request.Host))
            .GroupBy(h => h.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(h => TrimAll(h.Value)))))
            .ToList();
        var signedHeaders = string.Join(';', signed.Select(h => h.Name));
        var canonical = new StringBuilder()
            .Append(request.Method.ToUpperInvariant()).Append('\n')
            .Append(request.Path.Length == 0 ? "/" : request.Path).Append('\n')
            .Append(CanonicalQuery(request.Query)).Append('\n');
        foreach (var (name, value) in signed)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(request.PayloadHash);
        var canonicalRequest = canonical.ToString();
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{timestamp}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), date);
        key = Hmac(Hmac(Hmac(key, region), service), "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));
        amz.Add(new("Authorization", $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}"));
        return new SigV4Signature(amz, canonicalRequest);
    }

    /// <summary>The query string as it is signed and sent: RFC 3986-encoded names and values, sorted by name then value.</summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return string.Join('&', query
            .Select(p => (Name: Encode(p.Key, keepSlash: false), Value: Encode(p.Value, keepSlash: false)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>An object path as S3 expects it on the wire: every byte but unreserved characters and '/' percent-encoded.</summary>
    public static string EncodePath(string path) => Encode(path, keepSlash: true);

    /// <summary>RFC 3986 percent-encoding of the UTF-8 bytes, upper-case hex, leaving A-Z a-z 0-9 - _ . ~ (and '/' when asked).</summary>
    public static string Encode(string value, bool keepSlash)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Trims a header value and folds runs of whitespace into one space (SigV4's Trimall).</summary>
    private static string TrimAll(string value) =>
        string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
