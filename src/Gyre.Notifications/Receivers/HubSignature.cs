using System.Security.Cryptography;
using System.Text;

namespace Gyre.Notifications.Receivers;

/// <summary>
/// The <c>&lt;algorithm&gt;=&lt;hex HMAC of the body&gt;</c> signatures GitHub, Bitbucket Server and Flux's generic-hmac
/// receiver use, checked as go-github's ValidateSignature does: sha1, sha256 or sha512, keyed with the token.
/// </summary>
public static class HubSignature
{
    /// <summary>Null when <paramref name="header"/> is a valid signature of <paramref name="body"/>, else why not.</summary>
    public static string? Check(string? header, byte[] body, string token)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(token);
        if (string.IsNullOrEmpty(header))
        {
            return "missing signature";
        }

        var equals = header.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            return "error parsing signature: expected <algorithm>=<hex>";
        }

        var algorithm = header[..equals];
        if (Mac(algorithm, body, token) is not { } expected)
        {
            return $"unknown hash type prefix '{algorithm}'";
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(header[(equals + 1)..]);
        }
        catch (FormatException)
        {
            return "error decoding signature: not hexadecimal";
        }

        return CryptographicOperations.FixedTimeEquals(presented, expected) ? null : "payload signature check failed";
    }

    /// <summary>The signature header value for <paramref name="body"/>, e.g. <c>sha256=5c1f…</c>.</summary>
    public static string Sign(string algorithm, byte[] body, string token) =>
        algorithm + "=" + Convert.ToHexStringLower(Mac(algorithm, body, token) ?? throw new ArgumentException($"unknown algorithm '{algorithm}'", nameof(algorithm)));

    internal static byte[]? Mac(string algorithm, byte[] body, string token)
    {
        var key = Encoding.UTF8.GetBytes(token);
        return algorithm switch
        {
#pragma warning disable CA5350 // the senders (GitHub's legacy header, Nexus, generic-hmac) choose SHA-1; we only verify
            "sha1" => HMACSHA1.HashData(key, body),
#pragma warning restore CA5350
            "sha256" => HMACSHA256.HashData(key, body),
            "sha512" => HMACSHA512.HashData(key, body),
            _ => null,
        };
    }
}
