using Gyre.Notifications.Events;

namespace Gyre.Notifications.Alerts;

/// <summary>Reads the labels of an event's involved object (null when it is gone), for eventSources[].matchLabels.</summary>
public delegate ValueTask<IReadOnlyDictionary<string, string>?> ObjectLabelsLookup(InvolvedObject involved, CancellationToken cancellationToken);
