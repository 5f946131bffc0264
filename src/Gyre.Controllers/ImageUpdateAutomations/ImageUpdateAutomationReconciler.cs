using Gyre.Api;
using Gyre.Api.Image;
using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.ImageAutomation;
using Gyre.Kube;
using Gyre.Runtime.Reconcile;

namespace Gyre.Controllers.ImageUpdateAutomations;

/// <summary>
/// image-automation-controller's reconcile: finalizer → suspend → read spec → strategy → source, secrets and
/// policies → run (clone, setters, commit, push) → status and events → requeue at spec.interval. A failure retrying
/// cannot fix (invalid spec, strategy, selector, removed template field, refused cross-namespace source) stalls;
/// everything else is retried with backoff.
/// </summary>
internal sealed class ImageUpdateAutomationReconciler(
    KubeClient client, ImageUpdateRunner runner, AutomationInputs inputs, AutomationStatus status) : IReconciler
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var resource = await client.ForKindAsync(ImageUpdateAutomationSpec.ApiVersion, ImageUpdateAutomationSpec.Kind, cancellationToken).ConfigureAwait(false);
        var obj = await ObjectReader.GetAsync(client, ImageUpdateAutomationSpec.ApiVersion, ImageUpdateAutomationSpec.Kind, request.Namespace, request.Name, cancellationToken)
            .ConfigureAwait(false);
        if (obj is null)
        {
            return ReconcileResult.Done;
        }

        if (obj.DeletionTimestamp is not null)
        {
            await Finalizers.RemoveAsync(resource, obj, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        obj = await Finalizers.AddAsync(resource, obj, cancellationToken).ConfigureAwait(false);
        ImageUpdateAutomationSpec spec;
        try
        {
            spec = ImageUpdateAutomationSpec.From(obj);
        }
        catch (ApiException ex)
        {
            await status.FailedAsync(resource, obj, Reasons.InvalidSpec, ex.Message, stalled: true, cancellationToken).ConfigureAwait(false);
            throw new TerminalReconcileException(Reasons.InvalidSpec, ex.Message, ex);
        }

        if (spec.Suspend)
        {
            return ReconcileResult.Done;
        }

        try
        {
            if (spec.UpdateStrategy != "Setters")
            {
                throw new ImageAutomationException($"{obj.Kind}/{obj.Namespace}/{obj.Name}", "spec.update.strategy",
                    $"'{spec.UpdateStrategy}' is not supported; the only strategy is Setters", ImageAutomationReasons.InvalidUpdateStrategy);
            }

            var run = await inputs.ReadAsync(obj, spec, cancellationToken).ConfigureAwait(false);
            var result = await runner.RunAsync(run, AutomationStatus.Observed(obj), cancellationToken).ConfigureAwait(false);
            await status.SucceededAsync(resource, obj, run, result, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Requeue(spec.Interval);
        }
        catch (ImageAutomationException ex)
        {
            await status.FailedAsync(resource, obj, ex.Reason, ex.Message, stalled: !ex.IsTransient, cancellationToken).ConfigureAwait(false);
            if (!ex.IsTransient)
            {
                throw new TerminalReconcileException(ex.Reason, ex.Message, ex);
            }

            throw;
        }
        catch (TerminalReconcileException ex) when (ex.Reason == Reasons.AccessDenied)
        {
            await status.FailedAsync(resource, obj, ex.Reason, ex.Message, stalled: true, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }
}
