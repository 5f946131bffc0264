using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Notifications;
using Gyre.Notifications.Alerts;
using Gyre.Notifications.Pipeline;
using Gyre.Notifications.Providers;
using Gyre.Runtime.Reconcile;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Notifications;

/// <summary>
/// An Alert's reconcile: validate the spec, resolve its Provider (and the Provider's Secrets), and publish the route
/// the event pipeline reads. Ready is True only when the Provider exists and is usable (reason ProviderNotReady
/// otherwise, retried); a deleted Alert's route is removed. Routes are refreshed at the resync interval so a rotated
/// Secret is picked up.
/// </summary>
internal sealed class AlertReconciler(KubeClient client, AlertRouteTable routes, TimeProvider time, ILogger logger, TimeSpan retryInterval, TimeSpan resync)
    : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var obj = await ObjectReader.GetAsync(client, NotificationKinds.ApiVersion, NotificationKinds.Alert, request.Namespace, request.Name, cancellationToken)
            .ConfigureAwait(false);
        if (obj is null || obj.DeletionTimestamp is not null)
        {
            routes.Remove(request.Namespace, request.Name);
            return ReconcileResult.Done;
        }

        var resource = await client.ForKindAsync(NotificationKinds.ApiVersion, NotificationKinds.Alert, cancellationToken).ConfigureAwait(false);
        AlertSpec alert;
        try
        {
            alert = AlertSpec.FromObject(obj.Json);
        }
        catch (NotificationException ex)
        {
            routes.Remove(request.Namespace, request.Name);
            await ReadyStatus.WriteAsync(resource, obj, false, NotificationReasons.ValidationFailed, ex.Message, time, cancellationToken).ConfigureAwait(false);
            throw new TerminalReconcileException(NotificationReasons.ValidationFailed, ex.Message, ex);
        }

        var provider = await ObjectReader.GetAsync(client, NotificationKinds.ApiVersion, NotificationKinds.Provider, obj.Namespace, alert.ProviderName, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            var settings = provider is null
                ? throw new NotificationException($"Alert {obj.Namespace}/{obj.Name}", $"Provider '{alert.ProviderName}' not found in namespace '{obj.Namespace}'", isTransient: true)
                : await ProviderSettingsReader.ReadAsync(client, provider, cancellationToken).ConfigureAwait(false);
            routes.Set(new AlertRoute(alert, settings, NotifierFactory.Create(settings)));
        }
        catch (NotificationException ex)
        {
            routes.Remove(request.Namespace, request.Name);
            logger.LogWarning("Alert {Namespace}/{Name} is not ready: {Reason}", obj.Namespace, obj.Name, ex.Message);
            await ReadyStatus.WriteAsync(resource, obj, false, NotificationReasons.ProviderNotReady, ex.Message, time, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Requeue(retryInterval);
        }

        await ReadyStatus.WriteAsync(resource, obj, true, Reasons.Succeeded, NotificationReasons.Initialized, time, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Requeue(resync);
    }
}
