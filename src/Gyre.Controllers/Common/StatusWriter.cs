using System.Text.Json.Nodes;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.Common;

/// <summary>
/// Writes an object's status once per reconcile through the status subresource: the status computed at the end
/// replaces the one read at the start, guarded by resourceVersion (a concurrent change is a Conflict and the reconcile
/// is retried on fresh state). Nothing is written when the status did not change.
/// </summary>
internal static class StatusWriter
{
    public const string FieldManager = "gotk-kustomize-controller";

    public static async Task PatchAsync(ResourceClient client, KubeObject obj, JsonObject newStatus, CancellationToken cancellationToken)
    {
        if (JsonNode.DeepEquals(obj.Json["status"], newStatus))
        {
            return;
        }

        var body = (JsonObject)obj.Json.DeepClone();
        body["status"] = newStatus.DeepClone();
        await client.UpdateStatusAsync(body, new WriteOptions { FieldManager = FieldManager }, cancellationToken).ConfigureAwait(false);
    }
}
