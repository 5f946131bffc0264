using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Controllers.Common;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.Notifications;

/// <summary>Writes the Ready condition and observedGeneration of an Alert or Provider (once, only when it changed).</summary>
internal static class ReadyStatus
{
    public static Task WriteAsync(ResourceClient resource, KubeObject obj, bool ready, string reason, string message, TimeProvider time, CancellationToken cancellationToken)
    {
        var status = (obj.Json["status"] as JsonObject)?.DeepClone() as JsonObject ?? [];
        var conditions = ConditionSet.Read(status);
        conditions.Set(ConditionTypes.Ready, ready ? ConditionStatus.True : ConditionStatus.False, reason, message, obj.Generation, time.GetUtcNow());
        status["conditions"] = conditions.ToJson();
        status["observedGeneration"] = obj.Generation;
        GitRepositories.GitRepositoryReconciler.CopyRequestedAt(obj, status);
        return StatusWriter.PatchAsync(resource, obj, status, cancellationToken);
    }
}
