using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Kube.Informers;
using Gyre.Notifications;
using Gyre.Notifications.Delivery;
using Gyre.Notifications.Events;
using Gyre.Notifications.Pipeline;
using Gyre.Runtime.Metrics;
using Gyre.Runtime.Reconcile;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Notifications;

/// <summary>
/// notification-controller inside Gyre: the event pipeline the other controllers' EventRecorders feed, background
/// delivery, the HTTP event endpoint for controllers outside the process, and the Alert and Provider reconcilers
/// that keep the pipeline's routes.
/// </summary>
internal sealed class NotificationService : IAsyncDisposable
{
    private readonly KubeClient _client;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly NotificationDelivery _delivery;
    private EventServer? _server;

    private NotificationService(KubeClient client, GyreControllersOptions options, ILogger logger, TimeProvider time)
    {
        _client = client;
        _logger = logger;
        _time = time;
        _delivery = new NotificationDelivery(options.DeliveryOptions, time, Report);
        Pipeline = new NotificationPipeline(Routes, new EventRateLimiter(options.RateLimitInterval, time), _delivery, LabelsAsync,
            ex => _logger.LogWarning("{Where}: no notification sent: {Reason}", ex.Where, ex.Reason));
    }

    public AlertRouteTable Routes { get; } = new();

    public NotificationPipeline Pipeline { get; }

    public Uri? EventsAddress => _server?.Address;

    public static async Task<NotificationService> StartAsync(
        KubeClient client, GyreControllersOptions options, ILogger logger, TimeProvider time, CancellationToken cancellationToken)
    {
        var service = new NotificationService(client, options, logger, time);
        if (options.EventsAddress is { } address)
        {
            service._server = await EventServer.StartAsync(address, service.Pipeline, logger, cancellationToken).ConfigureAwait(false);
        }

        return service;
    }

    /// <summary>The Provider and Alert controllers, wired to their informers.</summary>
    public async Task<IReadOnlyList<Controller>> ControllersAsync(
        SharedInformerFactory informers, ReconcileMetrics metrics, GyreControllersOptions options, CancellationToken cancellationToken)
    {
        var alerts = new Controller(new AlertReconciler(_client, Routes, _time, _logger, options.RequeueDependency, options.NotificationResync),
            new ControllerOptions { Kind = NotificationKinds.Alert, Name = "notification-controller", Workers = options.Concurrent }, metrics, _logger, _time);
        var providers = new Controller(new ProviderReconciler(_client, _time, _logger, options.RequeueDependency),
            new ControllerOptions { Kind = NotificationKinds.Provider, Name = "notification-controller", Workers = options.Concurrent }, metrics, _logger, _time);
        var alertInformer = await informers.GetOrCreateAsync(NotificationKinds.ApiVersion, NotificationKinds.Alert, null, cancellationToken).ConfigureAwait(false);
        alertInformer.AddHandler(new AlertTriggers(alerts.Queue.Add));
        var providerInformer = await informers.GetOrCreateAsync(NotificationKinds.ApiVersion, NotificationKinds.Provider, null, cancellationToken).ConfigureAwait(false);
        providerInformer.AddHandler(new AlertTriggers(providers.Queue.Add, p =>
        {
            foreach (var alert in AlertTriggers.AlertsOf(alertInformer.Cache, p))
            {
                alerts.Queue.Add(alert);
            }
        }));
        return [alerts, providers];
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }

        await _delivery.DisposeAsync().ConfigureAwait(false);
    }

    private void Report(DeliveryOutcome outcome)
    {
        if (outcome.Delivered)
        {
            _logger.LogDebug("{Provider}: delivered a notification (attempt {Attempt})", outcome.Provider.Where, outcome.Attempt);
        }
        else
        {
            _logger.LogWarning("{Error} (attempt {Attempt}{Retry})", outcome.Error, outcome.Attempt, outcome.WillRetry ? ", will retry" : ", giving up");
        }
    }

    private async ValueTask<IReadOnlyDictionary<string, string>?> LabelsAsync(InvolvedObject involved, CancellationToken cancellationToken)
    {
        if (involved.ApiVersion is null)
        {
            return null;
        }

        var obj = await ObjectReader.GetAsync(_client, involved.ApiVersion, involved.Kind, involved.Namespace, involved.Name, cancellationToken).ConfigureAwait(false);
        return obj?.Labels;
    }
}
