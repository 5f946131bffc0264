using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.ImageRepositories;

/// <summary>
/// How image-reflector-controller ends a reconcile of an ImageRepository or ImagePolicy: Ready True with the result
/// message, or Ready False with the reason and Reconciling (ProgressingWithRetry) or Stalled; status patched once.
/// Events follow Flux's notify: a Normal event when the Ready message changes or the object recovers, a Warning on
/// every failure, nothing when an unchanged success repeats.
/// </summary>
internal sealed class ImageStatus(EventRecorder events, TimeProvider time, ILogger logger)
{
    private static readonly string[] Progress = [ConditionTypes.Reconciling, ConditionTypes.Stalled];

    public async Task SucceededAsync(ResourceClient resource, KubeObject obj, string message, Action<JsonObject> edit, CancellationToken cancellationToken)
    {
        var (status, conditions) = Begin(obj);
        var before = conditions.Get(ConditionTypes.Ready);
        conditions.Set(ConditionTypes.Ready, ConditionStatus.True, Reasons.Succeeded, message, obj.Generation, time.GetUtcNow());
        status["conditions"] = conditions.ToJson();
        status["observedGeneration"] = obj.Generation;
        edit(status);
        await StatusWriter.PatchAsync(resource, obj, status, cancellationToken).ConfigureAwait(false);
        if (before is null || !before.IsTrue || before.Message != message)
        {
            logger.LogInformation("{Kind} {Namespace}/{Name}: {Message}", obj.Kind, obj.Namespace, obj.Name, message);
            await events.RecordAsync(obj, EventRecorder.Normal, Reasons.Succeeded, message, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the failure, records it, and throws what the reconcile contract expects (terminal when stalled).</summary>
    public async Task<Exception> FailedAsync(
        ResourceClient resource, KubeObject obj, string reason, string message, bool stalled, Exception? cause, CancellationToken cancellationToken,
        Action<JsonObject>? edit = null)
    {
        var (status, conditions) = Begin(obj);
        var now = time.GetUtcNow();
        conditions.Set(ConditionTypes.Ready, ConditionStatus.False, reason, message, obj.Generation, now);
        conditions.Set(stalled ? ConditionTypes.Stalled : ConditionTypes.Reconciling, ConditionStatus.True,
            stalled ? reason : Reasons.ProgressingWithRetry, message, obj.Generation, now);
        if (stalled)
        {
            status["observedGeneration"] = obj.Generation;
        }

        status["conditions"] = conditions.ToJson();
        edit?.Invoke(status);
        await StatusWriter.PatchAsync(resource, obj, status, cancellationToken).ConfigureAwait(false);
        logger.LogWarning("{Kind} {Namespace}/{Name} failed ({Reason}): {Message}", obj.Kind, obj.Namespace, obj.Name, reason, message);
        await events.RecordAsync(obj, EventRecorder.Warning, reason, message, null, cancellationToken).ConfigureAwait(false);
        return stalled ? new TerminalReconcileException(reason, message, cause) : new ImageReconcileException(message, cause);
    }

    private static (JsonObject Status, ConditionSet Conditions) Begin(KubeObject obj)
    {
        var status = (obj.Json["status"] as JsonObject)?.DeepClone() as JsonObject ?? [];
        var conditions = ConditionSet.Read(status);
        foreach (var type in Progress)
        {
            conditions.Remove(type);
        }

        if (obj.GetAnnotation(FluxAnnotations.RequestedAt) is { } token)
        {
            status["lastHandledReconcileAt"] = token;
        }

        return (status, conditions);
    }
}
