using System.Text;
using System.Text.Json.Nodes;
using Gyre.Notifications.Receivers;

namespace Gyre.Notifications.Tests.Receivers;

/// <summary>Builders for the receivers' tests: specs and hand-made deliveries (signatures computed independently with Python's hmac).</summary>
internal static class Deliveries
{
    public const string Token = "s3cr3t";
    public const string PushBody = """{"ref":"refs/heads/main"}""";

    // python3: hmac.new(b's3cr3t', b'{"ref":"refs/heads/main"}', hashlib.<alg>).hexdigest()
    public const string PushSha1 = "sha1=ca5d9a2b42732da6779a57fd80ac97cfdf0e7635";
    public const string PushSha256 = "sha256=8588fd50c04ac2c191575340c4c0fe284157898def8e4d10af822f05dd7c9bb5";
    public const string PushSha512 = "sha512=d5fee1a9e3e7c93624ea1fe5fa00fdb52b97d696d995ad077d5268548cdfb655e396580bf639e62a1a0b33743af2bffacd1044c8e32fa5f6eee83dcc9dde75d1";

    public static ReceiverSpec Spec(string type, params string[] events) => new()
    {
        Type = type,
        Events = events,
        Resources = [new ReceiverResource(null, "GitRepository", "fleet", null, null)],
        SecretName = "webhook-token",
    };

    public static WebhookDelivery Json(string body, params (string Name, string Value)[] headers) =>
        new([new("Content-Type", "application/json"), .. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))], Encoding.UTF8.GetBytes(body));

    public static WebhookDelivery Raw(string contentType, string body, params (string Name, string Value)[] headers) =>
        new([new("Content-Type", contentType), .. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))], Encoding.UTF8.GetBytes(body));

    public static ReceiverVerdict Verify(ReceiverSpec spec, WebhookDelivery delivery, GoogleSigningKeys? keys = null, TimeProvider? time = null) =>
        new ReceiverVerifier(time ?? TimeProvider.System).Verify(spec, Token, delivery, keys);

    public static JsonObject Receiver(string spec) => (JsonObject)JsonNode.Parse(
        $$"""{"apiVersion":"notification.toolkit.fluxcd.io/v1","kind":"Receiver","metadata":{"name":"hook","namespace":"apps"},"spec":{{spec}}}""")!;
}
