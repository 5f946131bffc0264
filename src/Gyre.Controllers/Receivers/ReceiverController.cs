using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Kube.Informers;
using Gyre.Notifications.Receivers;
using Gyre.Runtime.Metrics;
using Gyre.Runtime.Reconcile;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Receivers;

/// <summary>Wires the Receiver half of notification-controller: the reconciler on its informer, and the webhook server reading the same cache.</summary>
internal static class ReceiverController
{
    public static async Task<(Controller Controller, ReceiverWebhooks Webhooks)> CreateAsync(KubeClient client, SharedInformerFactory informers, HttpClient http,
        ReconcileMetrics metrics, string listenUrl, int workers, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("notification-controller");
        var events = new EventRecorder(client, "notification-controller", time, logger);
        var reconciler = new ReceiverReconciler(client, events, time, logger);
        var controller = new Controller(reconciler, new ControllerOptions { Kind = ReceiverSpec.Kind, Name = "notification-controller", Workers = workers },
            metrics, logger, time);
        var informer = await informers.GetOrCreateAsync(ReceiverSpec.ApiVersion, ReceiverSpec.Kind, null, cancellationToken).ConfigureAwait(false);
        informer.AddHandler(new RequeueHandler(controller.Queue.Add));
        var secrets = await informers.GetOrCreateAsync("v1", "Secret", new InformerOptions { MetadataOnly = true }, cancellationToken).ConfigureAwait(false);
        secrets.AddHandler(new TokenSecretHandler(informer.Cache, controller.Queue.Add));
        var google = new GoogleKeySource(http, new Uri(GoogleSigningKeys.CertsUrl), time, logger);
        var handler = new DeliveryHandler(client, informer.Cache, new ReceiverVerifier(time), google, new ReconcileRequester(client, time, logger), logger);
        return (controller, new ReceiverWebhooks(listenUrl, handler));
    }
}
