using Gyre.Notifications.Events;

namespace Gyre.Notifications.Providers;

/// <summary>A provider type: turns an event into the request its service documents (null when it has nothing to send).</summary>
public interface INotifier
{
    NotificationRequest? Build(FluxEvent ev);
}
