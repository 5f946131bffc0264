namespace Gyre.Notifications.Receivers;

/// <summary>spec.events: an empty list accepts every event; otherwise the event must match one, ignoring case (Go's strings.EqualFold).</summary>
internal static class EventFilter
{
    public static bool Allows(IReadOnlyList<string> events, string? @event) =>
        events.Count == 0 || (@event is not null && events.Any(e => string.Equals(e, @event, StringComparison.OrdinalIgnoreCase)));
}
