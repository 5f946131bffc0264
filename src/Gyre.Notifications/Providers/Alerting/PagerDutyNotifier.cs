using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Alerting;

/// <summary>
/// pagerduty: Events API v2 (`/v2/enqueue`) with the routing key from spec.channel. An error triggers an alert, an
/// info event resolves it; the dedup key is the object, so recovery closes the incident it opened.
/// </summary>
internal sealed class PagerDutyNotifier(ProviderSettings settings) : INotifier
{
    public const string EventsApi = "https://events.pagerduty.com";

    private readonly string _address = (settings.Address is { Length: > 0 } a ? a : EventsApi).TrimEnd('/') + "/v2/enqueue";
    private readonly string _routingKey = settings.RequireChannel();

    public NotificationRequest Build(FluxEvent ev)
    {
        var details = new JsonObject();
        foreach (var (key, value) in Payload.SortedMetadata(ev))
        {
            details[key] = value;
        }

        var body = new JsonObject
        {
            ["routing_key"] = _routingKey,
            ["event_action"] = ev.IsError ? "trigger" : "resolve",
            ["dedup_key"] = ev.InvolvedObject.ToString(),
        };
        if (ev.IsError)
        {
            body["payload"] = new JsonObject
            {
                ["summary"] = Payload.Truncate(ev.InvolvedObject.Title + ": " + ev.Message, 1024),
                ["source"] = ev.ReportingController,
                ["severity"] = "error",
                ["timestamp"] = FluxEventJson.FormatTime(ev.Timestamp),
                ["component"] = ev.InvolvedObject.Name,
                ["group"] = ev.InvolvedObject.Kind,
                ["class"] = ev.Reason,
                ["custom_details"] = details,
            };
        }

        return Payload.Post(_address, body);
    }
}
