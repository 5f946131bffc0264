using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.Kustomizations;

/// <summary>
/// The in-flight status kustomize-controller reports while a run works: Ready=Unknown "Reconciliation in progress"
/// and Reconciling=True (reason Progressing) whose message names the current step, the revision and the timeout
/// ("Building manifests for revision main@sha1:… with a timeout of 5m0s"), plus Healthy=Unknown while health checks
/// run. Each step is one status write; <see cref="Current"/> is the object as last written, so the final status write
/// does not conflict with these.
/// </summary>
internal sealed class ReconcileProgress(ResourceClient resource, KubeObject obj, TimeProvider time)
{
    public KubeObject Current { get; private set; } = obj;

    public Task BuildingAsync(string revision, TimeSpan timeout, CancellationToken cancellationToken) =>
        MarkAsync($"Building manifests for revision {revision} with a timeout of {GoDuration.Format(timeout)}", revision, healthCheck: false, cancellationToken);

    public Task DetectingDriftAsync(string revision, TimeSpan timeout, CancellationToken cancellationToken) =>
        MarkAsync($"Detecting drift for revision {revision} with a timeout of {GoDuration.Format(timeout)}", revision, healthCheck: false, cancellationToken);

    public Task HealthCheckingAsync(string revision, TimeSpan timeout, CancellationToken cancellationToken) =>
        MarkAsync($"Running health checks for revision {revision} with a timeout of {GoDuration.Format(timeout)}", revision, healthCheck: true, cancellationToken);

    private async Task MarkAsync(string message, string revision, bool healthCheck, CancellationToken cancellationToken)
    {
        var status = (Current.Json["status"] as JsonObject)?.DeepClone() as JsonObject ?? [];
        var conditions = ConditionSet.Read(status);
        var now = time.GetUtcNow();
        conditions.Set(ConditionTypes.Ready, ConditionStatus.Unknown, Reasons.Progressing, "Reconciliation in progress", Current.Generation, now);
        conditions.Set(ConditionTypes.Reconciling, ConditionStatus.True, Reasons.Progressing, message, Current.Generation, now);
        conditions.Remove(ConditionTypes.Stalled);
        if (healthCheck)
        {
            conditions.Set(ConditionTypes.Healthy, ConditionStatus.Unknown, Reasons.Progressing, message, Current.Generation, now);
        }

        status["conditions"] = conditions.ToJson();
        status["lastAttemptedRevision"] = revision;
        if (JsonNode.DeepEquals(Current.Json["status"], status))
        {
            return;
        }

        var body = (JsonObject)Current.Json.DeepClone();
        body["status"] = status;
        Current = new KubeObject(await resource.UpdateStatusAsync(body, new WriteOptions { FieldManager = StatusWriter.FieldManager }, cancellationToken).ConfigureAwait(false));
    }
}
