using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gyre.Notifications.Alerts;

/// <summary>Reads an Alert object's spec into <see cref="AlertSpec"/>, validating what the CRD cannot.</summary>
internal static class AlertSpecReader
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    public static AlertSpec Read(JsonObject obj)
    {
        var ns = (string?)obj["metadata"]?["namespace"] ?? "default";
        var name = (string?)obj["metadata"]?["name"] ?? string.Empty;
        var where = $"Alert {ns}/{name}";
        var spec = obj["spec"] as JsonObject ?? throw new NotificationException(where, "spec is required");
        var provider = (string?)spec["providerRef"]?["name"];
        if (string.IsNullOrEmpty(provider))
        {
            throw new NotificationException(where, "spec.providerRef.name is required");
        }

        var sources = (spec["eventSources"] as JsonArray ?? []).OfType<JsonObject>().Select((s, i) => Source(s, i, where)).ToList();
        if (sources.Count == 0)
        {
            throw new NotificationException(where, "spec.eventSources must list at least one source");
        }

        var severity = (string?)spec["eventSeverity"] ?? "info";
        if (severity is not ("info" or "error"))
        {
            throw new NotificationException(where, $"spec.eventSeverity '{severity}' is not info or error");
        }

        return new AlertSpec
        {
            Namespace = ns,
            Name = name,
            ProviderName = provider,
            EventSeverity = severity,
            EventSources = sources,
            InclusionList = Patterns(spec["inclusionList"], "spec.inclusionList", where),
            ExclusionList = Patterns(spec["exclusionList"], "spec.exclusionList", where),
            EventMetadata = Map(spec["eventMetadata"]),
            Summary = (string?)spec["summary"],
            Suspend = spec["suspend"] is JsonValue v && v.GetValueKind() == JsonValueKind.True,
        };
    }

    private static EventSource Source(JsonObject source, int index, string where)
    {
        var kind = (string?)source["kind"];
        var name = (string?)source["name"];
        if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(name))
        {
            throw new NotificationException(where, $"spec.eventSources[{index}] needs kind and name");
        }

        var labels = Map(source["matchLabels"]);
        if (labels.Count > 0 && name != "*")
        {
            throw new NotificationException(where, $"spec.eventSources[{index}].matchLabels requires name '*'");
        }

        return new EventSource(kind, name, (string?)source["namespace"] is { Length: > 0 } n ? n : null, labels, (string?)source["apiVersion"]);
    }

    private static List<Regex> Patterns(JsonNode? node, string field, string where)
    {
        var list = new List<Regex>();
        foreach (var (pattern, i) in (node as JsonArray ?? []).Select((p, i) => ((string?)p ?? string.Empty, i)))
        {
            try
            {
                list.Add(new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout));
            }
            catch (ArgumentException ex)
            {
                throw new NotificationException(where, $"{field}[{i}] '{pattern}' is not a valid regular expression: {ex.Message}");
            }
        }

        return list;
    }

    private static Dictionary<string, string> Map(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in node as JsonObject ?? [])
        {
            map[key] = value?.ToString() ?? string.Empty;
        }

        return map;
    }
}
