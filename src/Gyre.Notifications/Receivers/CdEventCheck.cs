using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gyre.Notifications.Receivers;

/// <summary>
/// cdevents: the body must be a CDEvent (spec v0.4: a context with specversion, id, source, a
/// <c>dev.cdevents.&lt;subject&gt;.&lt;predicate&gt;.&lt;version&gt;</c> type and an RFC 3339 timestamp; a subject with
/// an id and content), and the CloudEvents binary-mode header Ce-Type must be in spec.events when that is set.
/// </summary>
internal static partial class CdEventCheck
{
    public const string TypeHeader = "Ce-Type";

    public static ReceiverVerdict Verify(ReceiverSpec spec, WebhookDelivery delivery)
    {
        var @event = delivery.Header(TypeHeader);
        if (Validate(delivery.Body) is { } error)
        {
            return ReceiverVerdict.Refuse("unable to validate CDEvent event: " + error, @event);
        }

        return EventFilter.Allows(spec.Events, @event)
            ? ReceiverVerdict.Accept($"handling CDEvent: {@event}", @event, delivery.Body)
            : ReceiverVerdict.Refuse($"the CDEvent '{@event}' is not authorised", @event);
    }

    private static string? Validate(byte[] body)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException ex)
        {
            return "the body is not JSON: " + ex.Message;
        }

        if (root?["context"] is not JsonObject context)
        {
            return "'context' is required";
        }

        foreach (var field in new[] { "specversion", "id", "source", "type", "timestamp" })
        {
            if (string.IsNullOrEmpty(Text(context[field])))
            {
                return $"'context.{field}' is required";
            }
        }

        if (!EventType().IsMatch(Text(context["type"])!))
        {
            return $"'context.type' '{Text(context["type"])}' is not a CDEvents type (dev.cdevents.<subject>.<predicate>.<version>)";
        }

        if (!DateTimeOffset.TryParse(Text(context["timestamp"]), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            return "'context.timestamp' is not an RFC 3339 time";
        }

        if (root["subject"] is not JsonObject subject || string.IsNullOrEmpty(Text(subject["id"])))
        {
            return "'subject.id' is required";
        }

        return subject["content"] is JsonObject ? null : "'subject.content' must be an object";
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex(@"^dev\.cdevents\.[a-z]+\.[a-z]+\.[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex EventType();
}
