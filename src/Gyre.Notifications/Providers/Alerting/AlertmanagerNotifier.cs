using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers.Alerting;

/// <summary>
/// alertmanager: POST an array of one alert to the address (…/api/v2/alerts): labels identify the object and reason
/// (alertname `Flux&lt;Kind&gt;&lt;Reason&gt;`), annotations carry the message and summary.
/// </summary>
internal sealed class AlertmanagerNotifier(ProviderSettings settings) : INotifier
{
    private readonly string _address = settings.RequireAddress();

    public NotificationRequest Build(FluxEvent ev)
    {
        var labels = new JsonObject
        {
            ["alertname"] = "Flux" + ev.InvolvedObject.Kind + char.ToUpperInvariant(ev.Reason[0]) + ev.Reason[1..],
            ["severity"] = ev.Severity,
            ["reason"] = ev.Reason,
            ["kind"] = ev.InvolvedObject.Kind,
            ["name"] = ev.InvolvedObject.Name,
            ["namespace"] = ev.InvolvedObject.Namespace,
            ["reportingController"] = ev.ReportingController,
        };
        var annotations = new JsonObject { ["message"] = ev.Message };
        foreach (var (key, value) in Payload.SortedMetadata(ev))
        {
            // Label names allow [a-zA-Z0-9_] only; the group prefix is dropped and other characters become '_'.
            var name = key[(key.LastIndexOf('/') + 1)..];
            name = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
            if (name == EventMetadata.Summary)
            {
                annotations["summary"] = value;
            }
            else
            {
                labels[name] = value;
            }
        }

        var alert = new JsonObject
        {
            ["labels"] = labels,
            ["annotations"] = annotations,
            ["startsAt"] = ev.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        return Payload.Post(_address, new JsonArray(alert));
    }
}
