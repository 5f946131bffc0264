using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Controllers.Kustomizations;
using Gyre.Kube;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// Writes as Helm 3 did when serverSideApply is disabled: a missing object is created; an existing one gets a JSON
/// merge patch with every field of the new manifest and a null for each field the previous revision's manifest had and
/// this one dropped (Helm's three-way patch, with lists replaced whole as merge patches do). With force, the object is
/// replaced (PUT), or deleted and created when an immutable field changed. Field manager helm-controller, operation Update.
/// </summary>
internal sealed class ClientSideApply(IReadOnlyDictionary<ObjectRef, JsonObject> originals)
{
    public async Task WriteAsync(ResourceClient resource, KubeObject obj, bool force, CancellationToken cancellationToken)
    {
        var ns = resource.Resource.Namespaced ? obj.Namespace : null;
        var options = new WriteOptions { FieldManager = ReleaseApplier.FieldManager };
        try
        {
            var live = await ServerSideApplier.GetAsync(resource, ns, obj.Name, cancellationToken).ConfigureAwait(false);
            if (live is null)
            {
                await resource.CreateAsync(obj.Json, options, cancellationToken).ConfigureAwait(false);
            }
            else if (force)
            {
                await ReplaceAsync(resource, obj, live, options, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var patch = Patch(originals.GetValueOrDefault(obj.Ref), obj.Json);
                await resource.PatchAsync(ns, obj.Name, PatchType.Merge, patch.ToJsonString(), options, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (KubeApiException ex) when (!ex.IsTransient)
        {
            throw new ReconcileStepException(Reasons.ReconciliationFailed, $"{obj.Ref}: client-side apply failed: {ex.Reason}: {ex.Status.Message}", ex);
        }
    }

    /// <summary>The merge patch from <paramref name="original"/> to <paramref name="target"/>: target's fields, null for what only original had.</summary>
    public static JsonObject Patch(JsonObject? original, JsonObject target)
    {
        var patch = (JsonObject)target.DeepClone();
        if (original is null)
        {
            return patch;
        }

        foreach (var (key, value) in original)
        {
            if (!target.ContainsKey(key))
            {
                patch[key] = null;
            }
            else if (value is JsonObject before && target[key] is JsonObject after)
            {
                patch[key] = Patch(before, after);
            }
        }

        return patch;
    }

    private static async Task ReplaceAsync(ResourceClient resource, KubeObject obj, JsonObject live, WriteOptions options, CancellationToken cancellationToken)
    {
        var replacement = (JsonObject)obj.Json.DeepClone();
        var metadata = (JsonObject)replacement["metadata"]!;
        metadata["resourceVersion"] = live["metadata"]?["resourceVersion"]?.DeepClone();
        try
        {
            await resource.UpdateAsync(replacement, options, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException ex) when (ex.IsInvalid)
        {
            await resource.DeleteAsync(resource.Resource.Namespaced ? obj.Namespace : null, obj.Name, new DeleteOptions { PropagationPolicy = PropagationPolicy.Background }, cancellationToken)
                .ConfigureAwait(false);
            await resource.CreateAsync(obj.Json, options, cancellationToken).ConfigureAwait(false);
        }
    }
}
