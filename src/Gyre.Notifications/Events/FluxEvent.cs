namespace Gyre.Notifications.Events;

/// <summary>
/// An event as Flux's controllers send it to notification-controller (fluxcd/pkg/apis/event/v1beta1 Event).
/// <see cref="FluxEventJson"/> reads and writes its wire format.
/// </summary>
public sealed record FluxEvent
{
    public required InvolvedObject InvolvedObject { get; init; }

    /// <summary>info, error or trace (<see cref="EventSeverity"/>).</summary>
    public required string Severity { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required string Message { get; init; }

    public required string Reason { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public required string ReportingController { get; init; }

    public string? ReportingInstance { get; init; }

    public bool IsError => Severity == EventSeverity.Error;

    /// <summary>The metadata value of `&lt;group&gt;/&lt;key&gt;`, e.g. the revision.</summary>
    public string? MetadataValue(string key) => EventMetadata.Find(Metadata, key);
}
