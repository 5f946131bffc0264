using System.Text.Json.Nodes;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.Common;

/// <summary>
/// Writes an object's status once per reconcile through the status subresource, as a JSON merge patch from the status
/// read at the start to the status computed at the end (removed fields sent as null), so nothing else is overwritten.
/// </summary>
internal static class StatusWriter
{
    public const string FieldManager = "gotk-kustomize-controller";

    public static async Task PatchAsync(ResourceClient client, KubeObject obj, JsonObject newStatus, CancellationToken cancellationToken)
    {
        var old = obj.Json["status"] as JsonObject ?? [];
        var patch = new JsonObject();
        foreach (var (key, value) in newStatus)
        {
            if (!JsonNode.DeepEquals(old[key], value))
            {
                patch[key] = value?.DeepClone();
            }
        }

        foreach (var (key, _) in old)
        {
            if (!newStatus.ContainsKey(key))
            {
                patch[key] = null;
            }
        }

        if (patch.Count == 0)
        {
            return;
        }

        var body = new JsonObject { ["status"] = patch }.ToJsonString();
        await client.PatchAsync(obj.Namespace, obj.Name, PatchType.Merge, body, "status", new WriteOptions { FieldManager = FieldManager }, cancellationToken)
            .ConfigureAwait(false);
    }
}
