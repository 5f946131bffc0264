using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gyre.Notifications.Receivers;

/// <summary>
/// Verifies a Google-signed OIDC ID token (an RS256 JWT) without calling Google: the signature against
/// <see cref="GoogleSigningKeys"/>, the issuer, the expiry and issue time, and that the service account's email is
/// verified. Flux asks Google's tokeninfo endpoint instead; a token whose key is not known is refused.
/// </summary>
internal static class GoogleIdToken
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>Null when the token is valid, else why not (never the token itself).</summary>
    public static string? Verify(string token, GoogleSigningKeys? keys, DateTimeOffset now)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return "the bearer token is not a JWT";
        }

        JsonObject header, claims;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) as JsonObject ?? throw new FormatException("header is not an object");
            claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject ?? throw new FormatException("claims are not an object");
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return "the bearer token is malformed: " + ex.Message;
        }

        if (Text(header["alg"]) != "RS256")
        {
            return $"the token's algorithm '{Text(header["alg"])}' is not RS256";
        }

        var kid = Text(header["kid"]) ?? string.Empty;
        if (keys?.Find(kid) is not { } key)
        {
            return $"cannot verify the token offline: no Google signing key with id '{kid}' is known; "
                + $"Gyre needs Google's keys from {GoogleSigningKeys.CertsUrl} to accept gcr deliveries";
        }

        using var rsa = RSA.Create(key);
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return "the token's signature is invalid";
        }

        return CheckClaims(claims, now);
    }

    private static string? CheckClaims(JsonObject claims, DateTimeOffset now)
    {
        var issuer = Text(claims["iss"]);
        if (issuer is not ("accounts.google.com" or "https://accounts.google.com"))
        {
            return $"the token's issuer '{issuer}' is not Google";
        }

        if (Seconds(claims["exp"]) is not { } exp || DateTimeOffset.FromUnixTimeSeconds(exp) + ClockSkew < now)
        {
            return "the token has expired";
        }

        if (Seconds(claims["iat"]) is { } iat && DateTimeOffset.FromUnixTimeSeconds(iat) - ClockSkew > now)
        {
            return "the token is issued in the future";
        }

        if (string.IsNullOrEmpty(Text(claims["aud"])))
        {
            return "the token has no audience";
        }

        var verified = claims["email_verified"] is JsonValue v && (v.TryGetValue<bool>(out var b) ? b : v.TryGetValue<string>(out var s) && s == "true");
        return verified ? null : "the token's email is not verified";
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static long? Seconds(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
}
