using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.Common;

/// <summary>Adds and removes Flux's finalizer with a merge patch guarded by resourceVersion (a lost race retries).</summary>
internal static class Finalizers
{
    public static async Task<KubeObject> AddAsync(ResourceClient client, KubeObject obj, CancellationToken cancellationToken)
    {
        if (obj.Finalizers.Contains(FluxAnnotations.Finalizer))
        {
            return obj;
        }

        var updated = await SetAsync(client, obj, [.. obj.Finalizers, FluxAnnotations.Finalizer], cancellationToken).ConfigureAwait(false);
        return new KubeObject(updated);
    }

    public static Task RemoveAsync(ResourceClient client, KubeObject obj, CancellationToken cancellationToken) =>
        obj.Finalizers.Contains(FluxAnnotations.Finalizer)
            ? SetAsync(client, obj, obj.Finalizers.Where(f => f != FluxAnnotations.Finalizer).ToList(), cancellationToken)
            : Task.CompletedTask;

    private static Task<JsonObject> SetAsync(ResourceClient client, KubeObject obj, IReadOnlyList<string> finalizers, CancellationToken cancellationToken)
    {
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = obj.ResourceVersion,
                ["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]),
            },
        };
        return client.PatchAsync(obj.Namespace, obj.Name, PatchType.Merge, patch.ToJsonString(), null, cancellationToken);
    }
}
