using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Alerting;

/// <summary>
/// grafana: POST /api/annotations (the address) with a Bearer token or basic auth; the annotation is tagged `flux`,
/// the controller, the object and each metadata entry, at the event's time in epoch milliseconds.
/// </summary>
internal sealed class GrafanaNotifier(ProviderSettings settings) : INotifier
{
    private readonly string _address = settings.RequireAddress();

    public NotificationRequest Build(FluxEvent ev)
    {
        var tags = new JsonArray("flux", ev.ReportingController, "kind: " + ev.InvolvedObject.Kind, "name: " + ev.InvolvedObject.Name,
            "namespace: " + ev.InvolvedObject.Namespace, "severity: " + ev.Severity);
        foreach (var (key, value) in Payload.SortedMetadata(ev))
        {
            tags.Add(key + ": " + value);
        }

        var body = new JsonObject
        {
            ["time"] = ev.Timestamp.ToUnixTimeMilliseconds(),
            ["text"] = ev.InvolvedObject.Title + ": " + ev.Message,
            ["tags"] = tags,
        };
        KeyValuePair<string, string>[] auth = settings.Token is { Length: > 0 } token ? [Payload.Bearer(token)]
            : settings.Username is { Length: > 0 } user ? [Payload.Basic(user, settings.Password ?? string.Empty)]
            : [];
        return Payload.Post(_address, body, auth);
    }
}
