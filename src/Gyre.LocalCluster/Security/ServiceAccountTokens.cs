using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Security;

/// <summary>
/// Bound service-account tokens as the TokenRequest API issues them: ES256 JWTs signed with the cluster CA key,
/// carrying the service account's name and uid. A token authenticates as system:serviceaccount:&lt;ns&gt;:&lt;name&gt;
/// (groups system:serviceaccounts and system:serviceaccounts:&lt;ns&gt;) while it has not expired, its audience
/// includes the API server's, and the service account it names still exists with the same uid.
/// </summary>
internal sealed class ServiceAccountTokens(X509Certificate2 ca, ObjectStore store, TimeProvider time)
{
    /// <summary>The issuer and the API server's audience, as in a default kube-apiserver.</summary>
    public const string Issuer = "https://kubernetes.default.svc.cluster.local";

    public (string Token, DateTimeOffset Expires) Issue(string ns, string name, string uid, IReadOnlyList<string> audiences, long expirationSeconds)
    {
        var now = time.GetUtcNow();
        var expires = now.AddSeconds(expirationSeconds);
        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = Convert.ToHexStringLower(SHA256.HashData(ca.GetPublicKey()))[..16] };
        var payload = new JsonObject
        {
            ["aud"] = new JsonArray([.. audiences.Select(a => (JsonNode)JsonValue.Create(a))]),
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = new JsonObject { ["namespace"] = ns, ["serviceaccount"] = new JsonObject { ["name"] = name, ["uid"] = uid } },
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = $"system:serviceaccount:{ns}:{name}",
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        using var key = ca.GetECDsaPrivateKey() ?? throw new InvalidOperationException("the cluster CA has no EC private key");
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return (signingInput + "." + Base64Url(signature), expires);
    }

    /// <summary>The service account a valid token names; null for anything else (not a JWT, bad signature, expired, SA gone).</summary>
    public UserInfo? Authenticate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        JsonObject payload;
        try
        {
            using var key = ca.GetECDsaPublicKey();
            if (key is null || !key.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), FromBase64Url(parts[2]), HashAlgorithmName.SHA256))
            {
                return null;
            }

            payload = JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject ?? [];
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or CryptographicException)
        {
            return null;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var audiences = (payload["aud"] as JsonArray ?? []).Select(a => a?.GetValue<string>());
        if ((string?)payload["iss"] != Issuer || !audiences.Contains(Issuer) || (long?)payload["exp"] <= now || (long?)payload["nbf"] > now
            || payload["kubernetes.io"] is not JsonObject claims || (string?)claims["namespace"] is not { } ns
            || (string?)claims["serviceaccount"]?["name"] is not { } name)
        {
            return null;
        }

        var account = store.Get("serviceaccounts", ns, name);
        if (account is null || (string?)account.Object["metadata"]?["uid"] != (string?)claims["serviceaccount"]?["uid"])
        {
            return null;
        }

        return new UserInfo($"system:serviceaccount:{ns}:{name}", ["system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated"])
        {
            Extra = new Dictionary<string, IReadOnlyList<string>> { ["authentication.kubernetes.io/credential-id"] = ["JTI=" + (string?)payload["jti"]] },
        };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
