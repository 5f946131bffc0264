using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gyre.Notifications.Receivers;
using static Gyre.Notifications.Tests.Receivers.Deliveries;

namespace Gyre.Notifications.Tests.Receivers;

public sealed class GcrReceiverTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly RSA _google = RSA.Create(2048);

    private GoogleSigningKeys Keys => GoogleSigningKeys.FromJwks(new JsonObject
    {
        ["keys"] = new JsonArray(new JsonObject
        {
            ["kty"] = "RSA",
            ["alg"] = "RS256",
            ["kid"] = "key-1",
            ["n"] = Base64Url.EncodeToString(_google.ExportParameters(false).Modulus),
            ["e"] = Base64Url.EncodeToString(_google.ExportParameters(false).Exponent),
        }),
    }.ToJsonString());

    [Fact]
    public void Accepts_a_Google_signed_push_and_exposes_the_unwrapped_registry_event()
    {
        var verdict = Verify(Spec(ReceiverTypes.Gcr), Push(Token()), Keys, new FixedTime(Now));

        Assert.True(verdict.Accepted, verdict.Message);
        Assert.Equal("handling GCR event from sha256:abc for tag v1", verdict.Message);
        Assert.Equal("v1", (string?)JsonNode.Parse(verdict.FilterBody!)!["tag"]);
    }

    [Fact]
    public void Refuses_a_token_signed_by_another_key()
    {
        using var other = RSA.Create(2048);

        Assert.Equal("cannot authenticate GCR request: the token's signature is invalid",
            Verify(Spec(ReceiverTypes.Gcr), Push(Token(signer: other)), Keys, new FixedTime(Now)).Message);
    }

    [Fact]
    public void Refuses_with_a_clear_message_when_the_signing_key_is_not_known_offline() =>
        Assert.Contains("cannot verify the token offline: no Google signing key with id 'key-1' is known",
            Verify(Spec(ReceiverTypes.Gcr), Push(Token()), null, new FixedTime(Now)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("iss", "https://evil.example.com", "is not Google")]
    [InlineData("exp", null, "has expired")]
    [InlineData("email_verified", false, "email is not verified")]
    public void Refuses_tokens_with_bad_claims(string claim, object? value, string why)
    {
        var claims = Claims();
        claims[claim] = value switch
        {
            null => Now.AddMinutes(-10).ToUnixTimeSeconds(),
            bool b => b,
            _ => (string)value,
        };

        Assert.Contains(why, Verify(Spec(ReceiverTypes.Gcr), Push(Token(claims)), Keys, new FixedTime(Now)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic abc")]
    [InlineData("Bearer not-a-jwt")]
    public void Refuses_a_missing_or_malformed_Authorization_header(string? authorization)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Content-Type", "application/json") };
        if (authorization is not null)
        {
            headers.Add(new("Authorization", authorization));
        }

        Assert.False(Verify(Spec(ReceiverTypes.Gcr), new WebhookDelivery(headers, Encoding.UTF8.GetBytes(Body)), Keys, new FixedTime(Now)).Accepted);
    }

    public void Dispose() => _google.Dispose();

    private static string Body => new JsonObject
    {
        ["message"] = new JsonObject
        {
            ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"action":"INSERT","digest":"sha256:abc","tag":"v1"}""")),
            ["messageId"] = "1",
        },
        ["subscription"] = "projects/p/subscriptions/gcr",
    }.ToJsonString();

    private static WebhookDelivery Push(string token) => Json(Body, ("Authorization", "Bearer " + token));

    private static JsonObject Claims() => new()
    {
        ["iss"] = "https://accounts.google.com",
        ["aud"] = "https://gyre.example.com/hook/abc",
        ["email"] = "gcr-push@project.iam.gserviceaccount.com",
        ["email_verified"] = true,
        ["iat"] = Now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = Now.AddMinutes(59).ToUnixTimeSeconds(),
    };

    private string Token(JsonObject? claims = null, RSA? signer = null)
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"alg":"RS256","kid":"key-1","typ":"JWT"}"""));
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes((claims ?? Claims()).ToJsonString()));
        var signature = (signer ?? _google).SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + Base64Url.EncodeToString(signature);
    }
}
