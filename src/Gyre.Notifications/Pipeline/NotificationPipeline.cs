using Gyre.Notifications.Alerts;
using Gyre.Notifications.Delivery;
using Gyre.Notifications.Events;

namespace Gyre.Notifications.Pipeline;

/// <summary>
/// notification-controller's event handling as a pipeline: rate-limit identical events, match every Alert route,
/// merge the Alert's metadata, let the Provider build its request, and hand it to background delivery.
/// </summary>
public sealed class NotificationPipeline(
    AlertRouteTable routes, EventRateLimiter limiter, NotificationDelivery delivery, ObjectLabelsLookup? labels = null, Action<NotificationException>? onError = null)
    : INotificationSink
{
    public async ValueTask<PublishResult> PublishAsync(FluxEvent ev, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ev);
        if (ev.Severity == EventSeverity.Trace)
        {
            return new PublishResult(false, 0);
        }

        if (!limiter.Allow(ev))
        {
            return new PublishResult(true, 0);
        }

        var count = 0;
        foreach (var route in routes.Routes)
        {
            if (route.Provider.Suspend || !await AlertMatcher.MatchesAsync(route.Alert, ev, labels, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                if (route.Notifier.Build(route.Alert.Enrich(ev)) is { } request)
                {
                    delivery.Enqueue(route.Provider, request);
                    count++;
                }
            }
            catch (NotificationException ex)
            {
                onError?.Invoke(ex);
            }
        }

        return new PublishResult(false, count);
    }
}
