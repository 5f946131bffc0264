using System.Globalization;
using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.ImageAutomation;
using Gyre.ImageAutomation.Setters;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Microsoft.Extensions.Logging;

namespace Gyre.Controllers.ImageUpdateAutomations;

/// <summary>
/// How an automation run ends, in image-automation-controller's status: on success Ready=True (the push summary, or
/// "repository up-to-date"), lastAutomationRunTime, observedPolicies, observedSourceRevision and, after a push,
/// lastPushCommit and lastPushTime; on failure Ready=False with the reason, Stalled or Reconciling
/// (ProgressingWithRetry). Each outcome is patched once and recorded as an event (a push as a Normal event carrying
/// the commit).
/// </summary>
internal sealed class AutomationStatus(EventRecorder events, TimeProvider time, ILogger logger)
{
    public const string UpToDate = "repository up-to-date";

    public async Task SucceededAsync(ResourceClient resource, KubeObject obj, AutomationRunRequest request, AutomationRunResult result, CancellationToken cancellationToken)
    {
        var status = Clone(obj);
        var conditions = ConditionSet.Read(status);
        var now = time.GetUtcNow();
        var message = result.Push?.Summary ?? UpToDate;
        conditions.Set(ConditionTypes.Ready, ConditionStatus.True, ImageAutomationReasons.Succeeded, message, obj.Generation, now);
        conditions.Remove(ConditionTypes.Reconciling);
        conditions.Remove(ConditionTypes.Stalled);
        status["conditions"] = conditions.ToJson();
        status["observedGeneration"] = obj.Generation;
        status["lastAutomationRunTime"] = Timestamp(now);
        status["observedPolicies"] = ObservedPolicies(request.Policies);
        status["observedSourceRevision"] = result.SourceRevision;
        if (result.Push is { } push)
        {
            status["lastPushCommit"] = push.Commit;
            status["lastPushTime"] = Timestamp(now);
        }

        CopyRequestedAt(obj, status);
        await StatusWriter.PatchAsync(resource, obj, status, cancellationToken).ConfigureAwait(false);
        if (result.Push is { } pushed)
        {
            logger.LogInformation("ImageUpdateAutomation {Namespace}/{Name} {Summary}", obj.Namespace, obj.Name, pushed.Summary);
            var revision = pushed.Branch is { } branch ? $"{branch}@sha1:{pushed.Commit}" : pushed.Commit;
            await events.RecordAsync(obj, EventRecorder.Normal, ImageAutomationReasons.Succeeded, pushed.Summary + "\n" + result.CommitMessage, revision,
                new Dictionary<string, string> { ["commit"] = pushed.Commit }, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task FailedAsync(ResourceClient resource, KubeObject obj, string reason, string message, bool stalled, CancellationToken cancellationToken)
    {
        var status = Clone(obj);
        var conditions = ConditionSet.Read(status);
        var now = time.GetUtcNow();
        conditions.Set(ConditionTypes.Ready, ConditionStatus.False, reason, message, obj.Generation, now);
        if (stalled)
        {
            conditions.Set(ConditionTypes.Stalled, ConditionStatus.True, reason, message, obj.Generation, now);
            conditions.Remove(ConditionTypes.Reconciling);
            status["observedGeneration"] = obj.Generation;
        }
        else
        {
            conditions.Set(ConditionTypes.Reconciling, ConditionStatus.True, Reasons.ProgressingWithRetry, message, obj.Generation, now);
            conditions.Remove(ConditionTypes.Stalled);
        }

        status["conditions"] = conditions.ToJson();
        CopyRequestedAt(obj, status);
        await StatusWriter.PatchAsync(resource, obj, status, cancellationToken).ConfigureAwait(false);
        logger.LogWarning("ImageUpdateAutomation {Namespace}/{Name} failed ({Reason}): {Message}", obj.Namespace, obj.Name, reason, message);
        await events.RecordAsync(obj, EventRecorder.Warning, reason, message, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What the last successful run of this generation observed, so an unchanged source and unchanged policies skip the
    /// clone (as Flux does with observedSourceRevision and observedPolicies); null after a spec change or a failure.
    /// </summary>
    public static ObservedRun? Observed(KubeObject obj)
    {
        var status = obj.Json["status"] as JsonObject;
        var ready = (status?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == ConditionTypes.Ready);
        if (status?["observedGeneration"]?.GetValue<long>() != obj.Generation || (string?)ready?["status"] != "True"
            || (string?)status["observedSourceRevision"] is not { Length: > 0 } revision || status["observedPolicies"] is not JsonObject policies)
        {
            return null;
        }

        var observed = new List<LatestImage>();
        foreach (var (name, reference) in policies)
        {
            if ((string?)reference?["name"] is { } image && (string?)reference["tag"] is { } tag)
            {
                var digest = (string?)reference["digest"];
                observed.Add(new LatestImage(obj.Namespace!, name, image, tag, string.IsNullOrEmpty(digest) ? null : digest));
            }
        }

        return new ObservedRun(revision, observed);
    }

    private static JsonObject ObservedPolicies(IEnumerable<LatestImage> policies)
    {
        var observed = new JsonObject();
        foreach (var policy in policies.OrderBy(p => p.PolicyName, StringComparer.Ordinal))
        {
            var reference = new JsonObject { ["name"] = policy.Name, ["tag"] = policy.Tag };
            if (!string.IsNullOrEmpty(policy.Digest))
            {
                reference["digest"] = policy.Digest;
            }

            observed[policy.PolicyName] = reference;
        }

        return observed;
    }

    private static JsonObject Clone(KubeObject obj) => (obj.Json["status"] as JsonObject)?.DeepClone() as JsonObject ?? [];

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void CopyRequestedAt(KubeObject obj, JsonObject status)
    {
        if (obj.GetAnnotation(FluxAnnotations.RequestedAt) is { } token)
        {
            status["lastHandledReconcileAt"] = token;
        }
    }
}
