using Gyre.Notifications.Events;

namespace Gyre.Notifications.Pipeline;

/// <summary>Where controllers publish their events for Alerts (notification-controller's event endpoint, in process).</summary>
public interface INotificationSink
{
    /// <summary>Routes the event; never waits for delivery.</summary>
    ValueTask<PublishResult> PublishAsync(FluxEvent ev, CancellationToken cancellationToken);
}
