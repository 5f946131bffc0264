using System.Text.Json.Nodes;
using Gyre.Api;
using Gyre.Api.Meta;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Gyre.Runtime.Reconcile;
using Gyre.Sources;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Common;

/// <summary>
/// The status a source reconcile ends with, as source-controller summarises it: on success Ready and ArtifactInStorage
/// True with the stored revision; on failure Ready False with the failure's reason on its own condition (FetchFailed,
/// StorageOperationFailed, or SourceVerified False), Reconciling ProgressingWithRetry or Stalled, and the last good
/// artifact left in place. Every outcome is patched once and recorded as an event.
/// </summary>
internal sealed class SourceStatus(EventRecorder events, TimeProvider time, ILogger logger)
{
    private static readonly string[] FailureConditions =
        [ConditionTypes.FetchFailed, ConditionTypes.StorageOperationFailed, ConditionTypes.SourceVerified, ConditionTypes.Stalled, ConditionTypes.Reconciling];

    /// <summary>
    /// Writes a successful reconcile: <paramref name="edit"/> fills the kind's own fields (artifact, url, observed*).
    /// <paramref name="hasArtifact"/> false means the kind stores no artifact (HelmRepository type oci).
    /// </summary>
    public async Task SucceededAsync(
        ResourceClient resource, KubeObject obj, string readyMessage, bool hasArtifact, Action<JsonObject> edit, NewArtifactEvent? newArtifact,
        CancellationToken cancellationToken)
    {
        var status = (obj.Json["status"] as JsonObject)?.DeepClone() as JsonObject ?? [];
        var conditions = ConditionSet.Read(status);
        var now = time.GetUtcNow();
        conditions.Set(ConditionTypes.Ready, ConditionStatus.True, Reasons.Succeeded, readyMessage, obj.Generation, now);
        if (hasArtifact)
        {
            conditions.Set(ConditionTypes.ArtifactInStorage, ConditionStatus.True, Reasons.Succeeded, readyMessage, obj.Generation, now);
        }
        else
        {
            conditions.Remove(ConditionTypes.ArtifactInStorage);
        }

        foreach (var type in FailureConditions.Append(ConditionTypes.ArtifactOutdated))
        {
            conditions.Remove(type);
        }

        status["conditions"] = conditions.ToJson();
        status["observedGeneration"] = obj.Generation;
        edit(status);
        CopyRequestedAt(obj, status);
        await StatusWriter.PatchAsync(resource, obj, status, cancellationToken).ConfigureAwait(false);
        if (newArtifact is { } e)
        {
            logger.LogInformation("{Kind} {Namespace}/{Name} stored artifact for revision {Revision}", obj.Kind, obj.Namespace, obj.Name, e.Revision);
            await events.RecordAsync(obj, EventRecorder.Normal, "NewArtifact", e.Message, e.Revision, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes a failed reconcile; the artifact and url in status stay as they were (the last good one keeps being served).</summary>
    /// <summary>The object's spec; an invalid one stalls it (FetchFailed, InvalidSpec) and ends the reconcile as terminal.</summary>
    public async Task<T> ReadSpecAsync<T>(ResourceClient resource, KubeObject obj, Func<KubeObject, T> read, CancellationToken cancellationToken)
    {
        try
        {
            return read(obj);
        }
        catch (ApiException ex)
        {
            await FailedAsync(resource, obj, ConditionTypes.FetchFailed, Reasons.InvalidSpec, ex.Message, stalled: true, cancellationToken).ConfigureAwait(false);
            throw new TerminalReconcileException(Reasons.InvalidSpec, ex.Message, ex);
        }
    }

    public async Task FailedAsync(
        ResourceClient resource, KubeObject obj, string conditionType, string reason, string message, bool stalled, CancellationToken cancellationToken)
    {
        var status = (obj.Json["status"] as JsonObject)?.DeepClone() as JsonObject ?? [];
        var conditions = ConditionSet.Read(status);
        var now = time.GetUtcNow();
        foreach (var type in FailureConditions)
        {
            conditions.Remove(type);
        }

        conditions.Set(ConditionTypes.Ready, ConditionStatus.False, reason, message, obj.Generation, now);
        // A failed verification is SourceVerified=False; every other failure condition has abnormal-true polarity.
        conditions.Set(conditionType, conditionType == ConditionTypes.SourceVerified ? ConditionStatus.False : ConditionStatus.True, reason, message,
            obj.Generation, now);
        if (stalled)
        {
            conditions.Set(ConditionTypes.Stalled, ConditionStatus.True, reason, message, obj.Generation, now);
            status["observedGeneration"] = obj.Generation;
        }
        else
        {
            conditions.Set(ConditionTypes.Reconciling, ConditionStatus.True, Reasons.ProgressingWithRetry, message, obj.Generation, now);
        }

        if (status["artifact"] is null)
        {
            conditions.Remove(ConditionTypes.ArtifactInStorage);
        }

        status["conditions"] = conditions.ToJson();
        CopyRequestedAt(obj, status);
        await StatusWriter.PatchAsync(resource, obj, status, cancellationToken).ConfigureAwait(false);
        logger.LogWarning("{Kind} {Namespace}/{Name} failed ({Reason}): {Message}", obj.Kind, obj.Namespace, obj.Name, reason, message);
        await events.RecordAsync(obj, EventRecorder.Warning, reason, message, (string?)status["artifact"]?["revision"], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether retrying the same spec cannot help, so the object is Stalled instead of retried with backoff.</summary>
    public static bool IsStalling(SourceException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex.Reason is Gyre.Sources.SourceReasons.UrlInvalid;
    }

    private static void CopyRequestedAt(KubeObject obj, JsonObject status)
    {
        if (obj.GetAnnotation(FluxAnnotations.RequestedAt) is { } token)
        {
            status["lastHandledReconcileAt"] = token;
        }
    }
}
