using System.Text.Json.Nodes;

namespace Gyre.Notifications.Receivers;

/// <summary>
/// The spec of a Receiver (notification.toolkit.fluxcd.io/v1), read from the object's JSON and checked as the CRD's
/// validation and notification-controller do: a known type, a secretRef, resources with kind and name.
/// </summary>
public sealed record ReceiverSpec
{
    public const string Kind = "Receiver";
    public const string ApiVersion = "notification.toolkit.fluxcd.io/v1";

    public required string Type { get; init; }

    /// <summary>spec.interval as written (a Go duration; the controller parses it, Flux's default is 10m).</summary>
    public string? Interval { get; init; }

    /// <summary>Event names accepted (github, gitlab, bitbucket, cdevents); empty accepts every event.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    public required IReadOnlyList<ReceiverResource> Resources { get; init; }

    /// <summary>A CEL expression over <c>res</c> and <c>req</c>; resources it returns false for are not triggered.</summary>
    public string? ResourceFilter { get; init; }

    /// <summary>The Secret in the Receiver's namespace whose <c>token</c> key signs deliveries.</summary>
    public required string SecretName { get; init; }

    public bool Suspend { get; init; }

    /// <summary>Reads and checks the spec; throws <see cref="ReceiverException"/> naming the field at fault.</summary>
    public static ReceiverSpec From(JsonObject receiver)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        var where = $"{Kind}/{(string?)receiver["metadata"]?["namespace"]}/{(string?)receiver["metadata"]?["name"]}";
        var spec = receiver["spec"] as JsonObject ?? throw new ReceiverException(where, "reading spec", "spec is missing");
        var type = Text(spec["type"]) ?? throw new ReceiverException(where, "reading spec.type", "spec.type is required");
        if (!ReceiverTypes.All.Contains(type, StringComparer.Ordinal))
        {
            throw new ReceiverException(where, "reading spec.type", $"unsupported type '{type}'; use one of {string.Join(", ", ReceiverTypes.All)}");
        }

        var secret = Text(spec["secretRef"]?["name"]);
        if (string.IsNullOrEmpty(secret))
        {
            throw new ReceiverException(where, "reading spec.secretRef", "spec.secretRef.name is required");
        }

        var filter = Text(spec["resourceFilter"]);
        return new ReceiverSpec
        {
            Type = type,
            Interval = Text(spec["interval"]),
            Events = (spec["events"] as JsonArray ?? []).Select(Text).OfType<string>().ToList(),
            Resources = ReadResources(where, spec["resources"] as JsonArray),
            ResourceFilter = string.IsNullOrWhiteSpace(filter) ? null : filter,
            SecretName = secret,
            Suspend = spec["suspend"] is JsonValue s && s.TryGetValue<bool>(out var b) && b,
        };
    }

    private static List<ReceiverResource> ReadResources(string where, JsonArray? items)
    {
        var resources = new List<ReceiverResource>();
        foreach (var (item, i) in (items ?? []).Select((n, i) => (n as JsonObject, i)))
        {
            var path = $"spec.resources[{i}]";
            var kind = Text(item?["kind"]);
            var name = Text(item?["name"]);
            if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(name))
            {
                throw new ReceiverException(where, "reading " + path, "kind and name are required");
            }

            var labels = item!["matchLabels"] as JsonObject;
            if (name == "*" && (labels is null || labels.Count == 0))
            {
                throw new ReceiverException(where, "reading " + path, "matchLabels field not set when using wildcard '*' as name");
            }

            var matchLabels = labels?.ToDictionary(p => p.Key, p => Text(p.Value) ?? string.Empty, StringComparer.Ordinal);
            resources.Add(new ReceiverResource(Text(item["apiVersion"]), kind, name, Text(item["namespace"]), matchLabels));
        }

        return resources;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
