using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gyre.Notifications.Receivers;

/// <summary>
/// Google's OAuth2 signing keys (a JWKS such as https://www.googleapis.com/oauth2/v3/certs), by key id, used to
/// verify the ID tokens Pub/Sub push subscriptions send to gcr receivers.
/// </summary>
public sealed class GoogleSigningKeys
{
    /// <summary>Where Google publishes the keys (JWKS form).</summary>
    public const string CertsUrl = "https://www.googleapis.com/oauth2/v3/certs";

    private readonly Dictionary<string, RSAParameters> _keys;

    public GoogleSigningKeys(IReadOnlyDictionary<string, RSAParameters> keys)
    {
        _keys = new Dictionary<string, RSAParameters>(keys, StringComparer.Ordinal);
    }

    /// <summary>The RSA key with this id, if known.</summary>
    public RSAParameters? Find(string kid) => _keys.TryGetValue(kid, out var key) ? key : null;

    /// <summary>Reads a JWKS document; keys other than RSA are skipped. Throws <see cref="ReceiverException"/> on malformed JSON.</summary>
    public static GoogleSigningKeys FromJwks(string json)
    {
        var keys = new Dictionary<string, RSAParameters>(StringComparer.Ordinal);
        try
        {
            foreach (var key in (JsonNode.Parse(json)?["keys"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if ((string?)key["kty"] == "RSA" && (string?)key["kid"] is { } kid && (string?)key["n"] is { } n && (string?)key["e"] is { } e)
                {
                    keys[kid] = new RSAParameters { Modulus = Base64Url.DecodeFromChars(n), Exponent = Base64Url.DecodeFromChars(e) };
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new ReceiverException("gcr receiver", "reading Google's signing keys", ex.Message, ex);
        }

        return new GoogleSigningKeys(keys);
    }
}
