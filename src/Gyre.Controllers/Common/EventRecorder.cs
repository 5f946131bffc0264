using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Kube;
using Gyre.Controllers.Notifications;
using Gyre.Manifests;
using Gyre.Notifications.Pipeline;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Common;

/// <summary>
/// Records Kubernetes Events about Flux objects (core/v1 Event, as client-go's recorder writes them), with Flux's
/// revision metadata as annotations. An event that cannot be written is logged, never fails the reconcile: events
/// are advisory, the status is the record. With a notification sink, the same event also goes to Alerts in Flux's
/// format (notification-controller's event endpoint, in process).
/// </summary>
public sealed class EventRecorder
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    private readonly KubeClient _client;
    private readonly string _component;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly INotificationSink? _notifications;

    public EventRecorder(KubeClient client, string component, TimeProvider time, ILogger logger, INotificationSink? notifications = null)
    {
        _client = client;
        _component = component;
        _time = time;
        _logger = logger;
        _notifications = notifications;
    }

    public Task RecordAsync(KubeObject involved, string type, string reason, string message, string? revision, CancellationToken cancellationToken) =>
        RecordAsync(involved, type, reason, message, revision, null, cancellationToken);

    /// <param name="metadata">More `&lt;group&gt;/&lt;key&gt;` metadata by key, e.g. commit_status: update on the final success event.</param>
    public async Task RecordAsync(
        KubeObject involved, string type, string reason, string message, string? revision, IReadOnlyDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var now = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var annotations = new JsonObject();
        if (revision is not null)
        {
            annotations[involved.Group + "/revision"] = revision;
        }

        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            annotations[involved.Group + "/" + key] = value;
        }

        var ev = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{involved.Name}.{_time.GetUtcNow().ToUnixTimeMilliseconds():x}{Random.Shared.Next(0x1000):x3}",
                ["namespace"] = involved.Namespace ?? "default",
                ["annotations"] = annotations,
            },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = involved.ApiVersion,
                ["kind"] = involved.Kind,
                ["name"] = involved.Name,
                ["namespace"] = involved.Namespace,
                ["uid"] = involved.Uid,
                ["resourceVersion"] = involved.ResourceVersion,
            },
            ["reason"] = reason,
            ["message"] = message.Length > 39_000 ? message[..39_000] : message,
            ["type"] = type,
            ["source"] = new JsonObject { ["component"] = _component },
            ["reportingComponent"] = _component,
            ["reportingInstance"] = _component,
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
        };
        try
        {
            var events = await _client.ForKindAsync("v1", "Event", cancellationToken).ConfigureAwait(false);
            await events.CreateAsync(ev, null, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeException ex)
        {
            _logger.LogWarning("{Kind} {Namespace}/{Name}: could not record event {Reason}: {Error}", involved.Kind, involved.Namespace, involved.Name, reason, ex.Message);
        }

        if (_notifications is not null)
        {
            await _notifications.PublishAsync(FluxEvents.From(involved, type, reason, message, annotations, _component, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }
    }
}
