using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Alerts;

/// <summary>An Alert (notification.toolkit.fluxcd.io/v1beta3): which events go to which Provider.</summary>
public sealed record AlertSpec
{
    public required string Namespace { get; init; }

    public required string Name { get; init; }

    public required string ProviderName { get; init; }

    /// <summary>info (all events) or error (only errors).</summary>
    public string EventSeverity { get; init; } = Events.EventSeverity.Info;

    public required IReadOnlyList<EventSource> EventSources { get; init; }

    public IReadOnlyList<Regex> InclusionList { get; init; } = [];

    public IReadOnlyList<Regex> ExclusionList { get; init; } = [];

    public IReadOnlyDictionary<string, string> EventMetadata { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public string? Summary { get; init; }

    public bool Suspend { get; init; }

    /// <summary>Reads an Alert object; an invalid spec (no provider, no sources, a bad regex) is an error naming the field.</summary>
    public static AlertSpec FromObject(JsonObject obj) => AlertSpecReader.Read(obj);

    /// <summary>
    /// The event with this Alert's metadata merged in. Precedence, low to high (notification-controller's):
    /// object annotations (bare keys), spec.eventMetadata, spec.summary, controller metadata (`group/key`).
    /// </summary>
    public FluxEvent Enrich(FluxEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        if (EventMetadata.Count == 0 && string.IsNullOrEmpty(Summary))
        {
            return ev;
        }

        var merged = new Dictionary<string, string>(ev.Metadata, StringComparer.Ordinal);
        foreach (var (key, value) in EventMetadata)
        {
            if (!merged.ContainsKey(key) || !IsControllerKey(key))
            {
                merged[key] = value;
            }
        }

        if (!string.IsNullOrEmpty(Summary))
        {
            merged[Events.EventMetadata.Summary] = Summary;
        }

        return ev with { Metadata = merged };
    }

    private static bool IsControllerKey(string key) => key.Contains('/', StringComparison.Ordinal);
}
