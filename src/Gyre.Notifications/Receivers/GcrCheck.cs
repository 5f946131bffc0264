using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gyre.Notifications.Receivers;

/// <summary>
/// gcr: a Pub/Sub push from Google Container/Artifact Registry. The Authorization header carries a Google-signed
/// ID token (<see cref="GoogleIdToken"/>); the body wraps the registry event (action, digest, tag) as base64 JSON in
/// message.data, and that unwrapped event is what the resourceFilter sees, as in Flux.
/// </summary>
internal static class GcrCheck
{
    private const string Bearer = "Bearer ";

    public static ReceiverVerdict Verify(WebhookDelivery delivery, GoogleSigningKeys? keys, DateTimeOffset now)
    {
        var authorization = delivery.Header("Authorization");
        if (authorization is null || !authorization.StartsWith(Bearer, StringComparison.Ordinal) || authorization.Length == Bearer.Length)
        {
            return ReceiverVerdict.Refuse("cannot authenticate GCR request: the Authorization header is missing or malformed");
        }

        if (GoogleIdToken.Verify(authorization[Bearer.Length..].Trim(), keys, now) is { } error)
        {
            return ReceiverVerdict.Refuse("cannot authenticate GCR request: " + error);
        }

        JsonObject data;
        try
        {
            var encoded = (JsonNode.Parse(delivery.Body)?["message"]?["data"] as JsonValue)?.GetValue<string>()
                ?? throw new FormatException("message.data is missing");
            data = JsonNode.Parse(Convert.FromBase64String(encoded)) as JsonObject ?? throw new FormatException("message.data is not a JSON object");
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return ReceiverVerdict.Refuse("cannot decode GCR webhook payload: " + ex.Message);
        }

        var unwrapped = new JsonObject { ["action"] = Text(data["action"]), ["digest"] = Text(data["digest"]), ["tag"] = Text(data["tag"]) };
        return ReceiverVerdict.Accept($"handling GCR event from {Text(data["digest"])} for tag {Text(data["tag"])}",
            filterBody: Encoding.UTF8.GetBytes(unwrapped.ToJsonString()));
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
}
