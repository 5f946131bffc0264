using System.Text.Json.Nodes;
using Gyre.Api.Kustomize;
using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.Controllers.GitRepositories;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// The end of every Kustomization reconcile: conditions, revisions, inventory and lastHandledReconcileAt written in
/// one status patch, and the events Flux sends (change set, failures, drift).
/// </summary>
internal sealed class KustomizationStatus(EventRecorder events, TimeProvider time, ILogger logger)
{
    public async Task SucceededAsync(
        ResourceClient resource, KubeObject obj, KustomizationSpec spec, ReconcileOutcome outcome, ReconcileRun run, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var (status, conditions) = Start(obj);
        var now = time.GetUtcNow();
        var previous = (string?)status["lastAppliedRevision"];
        conditions.Set(ConditionTypes.Ready, ConditionStatus.True, Reasons.ReconciliationSucceeded, $"Applied revision: {outcome.Revision}", obj.Generation, now);
        if (outcome.HealthChecked)
        {
            conditions.Set(ConditionTypes.Healthy, ConditionStatus.True, Reasons.Succeeded, "Health check passed", obj.Generation, now);
        }
        else
        {
            conditions.Remove(ConditionTypes.Healthy);
        }

        conditions.Remove(ConditionTypes.Reconciling);
        conditions.Remove(ConditionTypes.Stalled);
        status["conditions"] = conditions.ToJson();
        status["observedGeneration"] = obj.Generation;
        status["lastAppliedRevision"] = outcome.Revision;
        status["lastAttemptedRevision"] = outcome.Revision;
        if (run.OriginRevision is { } origin)
        {
            status["lastAppliedOriginRevision"] = origin;
        }
        else
        {
            status.Remove("lastAppliedOriginRevision");
        }

        status["inventory"] = outcome.Inventory.ToJson();
        KustomizationHistory.Upsert(status, run, Reasons.ReconciliationSucceeded, now);
        await StatusWriter.PatchAsync(resource, obj, status, cancellationToken).ConfigureAwait(false);

        var changed = outcome.Changes.Where(c => c.Action is ApplyAction.Created or ApplyAction.Configured or ApplyAction.Deleted).ToList();
        if (changed.Count > 0)
        {
            // Same revision and still a change: someone edited the cluster; say which objects drifted.
            var drift = previous == outcome.Revision ? "Drift corrected: " : string.Empty;
            await events.RecordAsync(obj, EventRecorder.Normal, Reasons.Progressing, drift + string.Join("\n", changed), outcome.Revision, cancellationToken).ConfigureAwait(false);
        }

        if (changed.Count > 0 || previous != outcome.Revision)
        {
            await events.RecordAsync(obj, EventRecorder.Normal, Reasons.ReconciliationSucceeded,
                $"Reconciliation finished in {GoDuration.Format(elapsed)}, next run in {GoDuration.Format(spec.Interval)}", outcome.Revision,
                CommitStatusUpdate, cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation("Kustomization {Namespace}/{Name} applied revision {Revision} in {Duration} ({Changes} changes)",
            obj.Namespace, obj.Name, outcome.Revision, elapsed, changed.Count);
    }

    public async Task FailedAsync(
        ResourceClient resource, KubeObject obj, string reason, string message, string? revision, ReconcileRun? run, CancellationToken cancellationToken)
    {
        var (status, conditions) = Start(obj);
        var now = time.GetUtcNow();
        conditions.Set(ConditionTypes.Ready, ConditionStatus.False, reason, message, obj.Generation, now);
        if (reason == Reasons.HealthCheckFailed)
        {
            conditions.Set(ConditionTypes.Healthy, ConditionStatus.False, reason, message, obj.Generation, now);
        }

        // As Flux's finalizeStatus: a failed run leaves Reconciling=True with reason ProgressingWithRetry (kstatus: in progress).
        if (conditions.Get(ConditionTypes.Reconciling) is { } reconciling)
        {
            conditions.Set(ConditionTypes.Reconciling, ConditionStatus.True, Reasons.ProgressingWithRetry, reconciling.Message, obj.Generation, now);
        }

        if (run is not null)
        {
            KustomizationHistory.Upsert(status, run, reason, now);
        }

        status["conditions"] = conditions.ToJson();
        status["observedGeneration"] = obj.Generation;
        if (revision is not null)
        {
            status["lastAttemptedRevision"] = revision;
        }

        await StatusWriter.PatchAsync(resource, obj, status, cancellationToken).ConfigureAwait(false);
        logger.LogWarning("Kustomization {Namespace}/{Name} failed ({Reason}): {Message}", obj.Namespace, obj.Name, reason, message);
        await events.RecordAsync(obj, reason == Reasons.DependencyNotReady ? EventRecorder.Normal : EventRecorder.Warning, reason, message, revision, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task StalledAsync(ResourceClient resource, KubeObject obj, string reason, string message, CancellationToken cancellationToken)
    {
        var (status, conditions) = Start(obj);
        var now = time.GetUtcNow();
        conditions.Set(ConditionTypes.Ready, ConditionStatus.False, reason, message, obj.Generation, now);
        conditions.Set(ConditionTypes.Stalled, ConditionStatus.True, reason, message, obj.Generation, now);
        conditions.Remove(ConditionTypes.Reconciling);
        status["conditions"] = conditions.ToJson();
        status["observedGeneration"] = obj.Generation;
        await StatusWriter.PatchAsync(resource, obj, status, cancellationToken).ConfigureAwait(false);
        await events.RecordAsync(obj, EventRecorder.Warning, reason, message, null, cancellationToken).ConfigureAwait(false);
    }

    // As kustomize-controller does: the final success event tells Git commit-status providers to set the status.
    private static readonly Dictionary<string, string> CommitStatusUpdate = new(StringComparer.Ordinal) { ["commit_status"] = "update" };

    private static (JsonObject Status, ConditionSet Conditions) Start(KubeObject obj)
    {
        var status = (obj.Json["status"] as JsonObject)?.DeepClone() as JsonObject ?? [];
        GitRepositoryReconciler.CopyRequestedAt(obj, status);
        return (status, ConditionSet.Read(status));
    }
}
