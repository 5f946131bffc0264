using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.Kube;
using Gyre.Notifications;
using Gyre.Notifications.Providers;
using Gyre.Runtime.Reconcile;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Notifications;

/// <summary>
/// A Provider's reconcile: read the spec and its Secrets, build the notifier for its type (which validates address,
/// token and channel), and report Ready. Alerts pick the Provider up through <see cref="AlertTriggers"/>.
/// A missing Secret is retried; an invalid spec is terminal until the Provider changes.
/// </summary>
internal sealed class ProviderReconciler(KubeClient client, TimeProvider time, ILogger logger, TimeSpan retryInterval) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var obj = await ObjectReader.GetAsync(client, NotificationKinds.ApiVersion, NotificationKinds.Provider, request.Namespace, request.Name, cancellationToken)
            .ConfigureAwait(false);
        if (obj is null || obj.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var resource = await client.ForKindAsync(NotificationKinds.ApiVersion, NotificationKinds.Provider, cancellationToken).ConfigureAwait(false);
        try
        {
            var settings = await ProviderSettingsReader.ReadAsync(client, obj, cancellationToken).ConfigureAwait(false);
            NotifierFactory.Create(settings);
        }
        catch (NotificationException ex)
        {
            logger.LogWarning("Provider {Namespace}/{Name} is not ready: {Reason}", obj.Namespace, obj.Name, ex.Reason);
            await ReadyStatus.WriteAsync(resource, obj, false, NotificationReasons.ValidationFailed, ex.Message, time, cancellationToken).ConfigureAwait(false);
            return ex.IsTransient
                ? ReconcileResult.Requeue(retryInterval)
                : throw new TerminalReconcileException(NotificationReasons.ValidationFailed, ex.Message, ex);
        }

        await ReadyStatus.WriteAsync(resource, obj, true, Reasons.Succeeded, NotificationReasons.Initialized, time, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }
}
