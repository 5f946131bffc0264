using System.Text.Json.Nodes;
using Gyre.Manifests;
using Gyre.Notifications.Events;

namespace Gyre.Controllers.Notifications;

/// <summary>
/// Builds the Flux event a controller sends alongside its Kubernetes Event (fluxcd/pkg runtime/events recorder):
/// Warning is severity error, Normal info; metadata is the event's annotations plus the object's
/// `event.toolkit.fluxcd.io/&lt;key&gt;` annotations, which never override the controller's own keys.
/// </summary>
internal static class FluxEvents
{
    private const int MaxMessage = 39_000;

    public static FluxEvent From(KubeObject involved, string type, string reason, string message, JsonObject annotations, string component, DateTimeOffset now)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in involved.Metadata["annotations"] as JsonObject ?? [])
        {
            if (key.StartsWith(EventMetadata.AnnotationPrefix, StringComparison.Ordinal) && key.Length > EventMetadata.AnnotationPrefix.Length)
            {
                metadata[key[EventMetadata.AnnotationPrefix.Length..]] = value?.ToString() ?? string.Empty;
            }
        }

        foreach (var (key, value) in annotations)
        {
            metadata[key] = value?.ToString() ?? string.Empty;
        }

        return new FluxEvent
        {
            InvolvedObject = new InvolvedObject(involved.Kind, involved.Namespace, involved.Name, involved.Uid, involved.ApiVersion, involved.ResourceVersion),
            Severity = type == "Warning" ? EventSeverity.Error : EventSeverity.Info,
            Timestamp = now,
            Message = message.Length > MaxMessage ? message[..MaxMessage] : message,
            Reason = reason,
            Metadata = metadata,
            ReportingController = component,
            ReportingInstance = Environment.MachineName,
        };
    }
}
