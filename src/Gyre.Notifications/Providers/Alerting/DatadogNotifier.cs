using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Alerting;

/// <summary>datadog: POST /api/v1/events with `DD-API-KEY`; tags carry the object, reason and metadata as `flux_…:value`.</summary>
internal sealed class DatadogNotifier(ProviderSettings settings) : INotifier
{
    public const string Site = "https://api.datadoghq.com";

    private readonly string _address = (settings.Address is { Length: > 0 } a ? a : Site).TrimEnd('/') + "/api/v1/events";
    private readonly string _apiKey = settings.RequireToken();

    public NotificationRequest Build(FluxEvent ev)
    {
        var tags = new JsonArray(
            "flux_reporting_controller:" + ev.ReportingController,
            "flux_reason:" + ev.Reason,
            "flux_involved_object_kind:" + ev.InvolvedObject.Kind,
            "flux_involved_object_name:" + ev.InvolvedObject.Name,
            "flux_involved_object_namespace:" + ev.InvolvedObject.Namespace);
        foreach (var (key, value) in Payload.SortedMetadata(ev))
        {
            tags.Add(key.Replace('/', '_').Replace('.', '_') + ":" + value);
        }

        var body = new JsonObject
        {
            ["title"] = Payload.Truncate(ev.InvolvedObject.Title, 100),
            ["text"] = Payload.Truncate(ev.Message, 4000),
            ["alert_type"] = ev.IsError ? "error" : "info",
            ["source_type_name"] = "fluxcd",
            ["date_happened"] = ev.Timestamp.ToUnixTimeSeconds(),
            ["aggregation_key"] = ev.InvolvedObject.ToString(),
            ["tags"] = tags,
        };
        return Payload.Post(_address, body, Payload.Header("DD-API-KEY", _apiKey));
    }
}
