using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Gyre.Notifications.Receivers;

/// <summary>
/// Builds a delivery a Receiver of the given type accepts: the service's headers, signed with the token as the
/// service would sign it, around the given payload or a minimal one in the service's format. `gyre trigger
/// receiver` posts it. gcr cannot be built: only Google can sign its ID tokens.
/// </summary>
public static class TestDelivery
{
    public static WebhookDelivery Build(string type, string token, byte[]? payload, string? @event, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        var body = payload ?? Encoding.UTF8.GetBytes(DefaultPayload(type, now));
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" };
        switch (type)
        {
            case ReceiverTypes.Generic or ReceiverTypes.DockerHub or ReceiverTypes.Quay or ReceiverTypes.Acr:
                break;
            case ReceiverTypes.GenericHmac:
                headers[GenericHmacCheck.SignatureHeader] = HubSignature.Sign("sha256", body, token);
                break;
            case ReceiverTypes.GitHub:
                headers[GitHubCheck.EventHeader] = @event ?? "push";
                headers[HubPayload.Signature256Header] = HubSignature.Sign("sha256", body, token);
                break;
            case ReceiverTypes.GitLab:
                headers[GitLabCheck.EventHeader] = @event ?? "Push Hook";
                headers[GitLabCheck.TokenHeader] = token;
                break;
            case ReceiverTypes.Bitbucket:
                headers[BitbucketCheck.EventHeader] = @event ?? "repo:refs_changed";
                headers[HubPayload.SignatureHeader] = HubSignature.Sign("sha256", body, token);
                break;
            case ReceiverTypes.Harbor:
                headers["Authorization"] = token;
                break;
            case ReceiverTypes.Nexus:
                headers[NexusCheck.SignatureHeader] = HubSignature.Sign("sha1", body, token)["sha1=".Length..];
                break;
            case ReceiverTypes.CdEvents:
                headers[CdEventCheck.TypeHeader] = @event ?? (string?)JsonNode.Parse(body)?["context"]?["type"] ?? "dev.cdevents.change.merged.0.2.0";
                break;
            case ReceiverTypes.Gcr:
                throw new ReceiverException("gcr receiver", "building a test delivery",
                    "gcr deliveries carry an ID token only Google can sign; publish to the Pub/Sub topic instead");
            default:
                throw new ReceiverException(type + " receiver", "building a test delivery", $"unsupported type '{type}'");
        }

        return new WebhookDelivery(headers, body);
    }

    private static string DefaultPayload(string type, DateTimeOffset now) => type switch
    {
        ReceiverTypes.GitHub => """{"ref":"refs/heads/main","zen":"sent by gyre trigger receiver"}""",
        ReceiverTypes.GitLab => """{"object_kind":"push","ref":"refs/heads/main"}""",
        ReceiverTypes.Bitbucket => """{"eventKey":"repo:refs_changed","changes":[{"refId":"refs/heads/main"}]}""",
        ReceiverTypes.DockerHub => """{"push_data":{"tag":"latest"},"repository":{"repo_url":"https://hub.docker.com/r/gyre/test"}}""",
        ReceiverTypes.Quay => """{"docker_url":"quay.io/gyre/test","updated_tags":["latest"]}""",
        ReceiverTypes.Acr => """{"action":"push","target":{"repository":"gyre/test","tag":"latest"}}""",
        ReceiverTypes.Nexus => """{"action":"CREATED","repositoryName":"gyre-test"}""",
        ReceiverTypes.Harbor => """{"type":"PUSH_ARTIFACT","event_data":{"repository":{"repo_full_name":"gyre/test"}}}""",
        ReceiverTypes.CdEvents => CdEvent(now),
        _ => "{}",
    };

    private static string CdEvent(DateTimeOffset now) => new JsonObject
    {
        ["context"] = new JsonObject
        {
            ["specversion"] = "0.4.1",
            ["id"] = "gyre-test",
            ["source"] = "gyre",
            ["type"] = "dev.cdevents.change.merged.0.2.0",
            ["timestamp"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        },
        ["subject"] = new JsonObject { ["id"] = "gyre-test", ["content"] = new JsonObject() },
    }.ToJsonString();
}
