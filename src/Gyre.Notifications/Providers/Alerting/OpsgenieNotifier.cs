using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Alerting;

/// <summary>opsgenie: POST /v2/alerts with `Authorization: GenieKey &lt;token&gt;`, the object as message, the event as description, metadata as details.</summary>
internal sealed class OpsgenieNotifier(ProviderSettings settings) : INotifier
{
    public const string AlertsApi = "https://api.opsgenie.com/v2/alerts";

    private readonly string _address = settings.Address is { Length: > 0 } a ? a : AlertsApi;
    private readonly string _token = settings.RequireToken();

    public NotificationRequest Build(FluxEvent ev)
    {
        var details = new JsonObject { ["severity"] = ev.Severity, ["reason"] = ev.Reason };
        foreach (var (key, value) in Payload.SortedMetadata(ev))
        {
            details[key] = value;
        }

        var body = new JsonObject
        {
            ["message"] = Payload.Truncate(ev.InvolvedObject.Title, 130),
            ["alias"] = ev.InvolvedObject.ToString(),
            ["description"] = Payload.Truncate(ev.Message, 15000),
            ["source"] = ev.ReportingController,
            ["tags"] = new JsonArray("flux", ev.Severity),
            ["details"] = details,
            ["priority"] = ev.IsError ? "P3" : "P5",
        };
        return Payload.Post(_address, body, Payload.Header("Authorization", "GenieKey " + _token));
    }
}
