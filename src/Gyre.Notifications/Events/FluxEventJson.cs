using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gyre.Notifications.Events;

/// <summary>
/// Flux's event wire format: the JSON encoding/json writes for eventv1.Event (fields in struct order, ObjectReference
/// fields omitted when empty, metadata keys sorted, metav1.Time as RFC 3339 in seconds, HTML characters escaped).
/// </summary>
public static class FluxEventJson
{
    public static JsonObject ToJson(FluxEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var involved = new JsonObject();
        Add(involved, "kind", ev.InvolvedObject.Kind);
        Add(involved, "namespace", ev.InvolvedObject.Namespace);
        Add(involved, "name", ev.InvolvedObject.Name);
        Add(involved, "uid", ev.InvolvedObject.Uid);
        Add(involved, "apiVersion", ev.InvolvedObject.ApiVersion);
        Add(involved, "resourceVersion", ev.InvolvedObject.ResourceVersion);
        var json = new JsonObject
        {
            ["involvedObject"] = involved,
            ["severity"] = ev.Severity,
            ["timestamp"] = FormatTime(ev.Timestamp),
            ["message"] = ev.Message,
            ["reason"] = ev.Reason,
        };
        if (ev.Metadata.Count > 0)
        {
            var metadata = new JsonObject();
            foreach (var key in ev.Metadata.Keys.Order(StringComparer.Ordinal))
            {
                metadata[key] = ev.Metadata[key];
            }

            json["metadata"] = metadata;
        }

        json["reportingController"] = ev.ReportingController;
        Add(json, "reportingInstance", ev.ReportingInstance);
        return json;
    }

    public static string Serialize(FluxEvent ev) => StructJson.Serialize(ToJson(ev));

    /// <summary>Reads an event posted to the event endpoint; a missing required field is an error, as Flux validates.</summary>
    public static FluxEvent Parse(ReadOnlySpan<byte> utf8)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(utf8) as JsonObject ?? throw new NotificationException("event", "the body is not a JSON object");
        }
        catch (JsonException ex)
        {
            throw new NotificationException("event", $"the body is not valid JSON: {ex.Message}", innerException: ex);
        }

        return FromJson(json);
    }

    public static FluxEvent FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var involved = json["involvedObject"] as JsonObject ?? throw new NotificationException("event", "involvedObject is required");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json["metadata"] is JsonObject meta)
        {
            foreach (var (key, value) in meta)
            {
                metadata[key] = value?.GetValueKind() == JsonValueKind.String ? (string)value! : value?.ToJsonString() ?? string.Empty;
            }
        }

        return new FluxEvent
        {
            InvolvedObject = new InvolvedObject(
                Required(involved, "kind", "involvedObject.kind"), Text(involved, "namespace"), Required(involved, "name", "involvedObject.name"),
                Text(involved, "uid"), Text(involved, "apiVersion"), Text(involved, "resourceVersion")),
            Severity = Required(json, "severity", "severity"),
            Timestamp = Text(json, "timestamp") is { Length: > 0 } t
                ? DateTimeOffset.Parse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : throw new NotificationException("event", "timestamp is required"),
            Message = Required(json, "message", "message"),
            Reason = Required(json, "reason", "reason"),
            Metadata = metadata,
            ReportingController = Required(json, "reportingController", "reportingController"),
            ReportingInstance = Text(json, "reportingInstance"),
        };
    }

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Add(JsonObject json, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            json[key] = value;
        }
    }

    private static string? Text(JsonObject json, string key) =>
        json[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string?)v : null;

    private static string Required(JsonObject json, string key, string field) =>
        Text(json, key) is { Length: > 0 } value ? value : throw new NotificationException("event", $"{field} is required");
}
