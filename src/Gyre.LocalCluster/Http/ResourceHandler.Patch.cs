using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Objects;
using Gyre.LocalCluster.Patching;
using Gyre.LocalCluster.Schema;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Http;

internal sealed partial class ResourceHandler
{
    private const string JsonPatchType = "application/json-patch+json";
    private const string MergePatchType = "application/merge-patch+json";
    private const string StrategicPatchType = "application/strategic-merge-patch+json";
    private const string ApplyPatchType = "application/apply-patch+yaml";

    private async Task PatchAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var media = request.Context.Request.ContentType?.Split(';')[0].Trim() ?? string.Empty;
        if (media is not JsonPatchType and not MergePatchType and not StrategicPatchType and not ApplyPatchType
            || (media == StrategicPatchType && request.Resource.IsCustom))
        {
            var accepted = request.Resource.IsCustom
                ? "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
                : "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json";
            throw new ApiStatusException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {accepted}");
        }

        var bytes = await RequestBody.ReadBytesAsync(request.Context, cancellationToken).ConfigureAwait(false);
        var patch = RequestBody.Parse(bytes, media == ApplyPatchType ? "application/yaml" : HttpResponses.Json);
        JsonObject result;
        var created = false;
        if (request.Path.Subresource == "scale")
        {
            result = _state.Store.Write(tx =>
            {
                var current = tx.Get(request.Resource.StorageKey, request.Namespace, request.Path.Name!) ?? throw ApiStatusException.NotFound(request.Ref, request.Path.Name!);
                var patched = PatchDocument(media, Scale.From(request.Resource, current.Object), patch, null);
                return Scale.Update(_state, request, patched, tx);
            });
        }
        else if (media == ApplyPatchType)
        {
            var applied = patch as JsonObject ?? throw ApiStatusException.BadRequest("the applied configuration must be an object");
            FieldValidation.Check(_state, request, applied);
            (result, created) = _state.Store.Write(tx => Apply(request, applied, tx));
        }
        else
        {
            result = _state.Store.Write(tx =>
            {
                var current = tx.Get(request.Resource.StorageKey, request.Namespace, request.Path.Name!) ?? throw ApiStatusException.NotFound(request.Ref, request.Path.Name!);
                var patched = PatchDocument(media, ResourceVersions.Convert(current.Object, request.Resource), patch, SchemaLookup.For(request.Resource));
                if (request.FieldValidation == "Strict")
                {
                    FieldValidation.Check(_state, request, patched);
                }

                return Store(request, current, patched, tx, "kubectl-patch");
            });
        }

        _state.NotifyChanged();
        var body = request.Path.Subresource == "scale" ? result : ResourceVersions.Convert(result, request.Resource);
        await HttpResponses.WriteAsync(request.Context, created ? 201 : 200, body).ConfigureAwait(false);
    }

    private (JsonObject Result, bool Created) Apply(ApiRequest request, JsonObject applied, StoreTransaction tx)
    {
        var manager = request.FieldManager;
        if (string.IsNullOrEmpty(manager))
        {
            throw ApiStatusException.BadRequest("PATCH /apply requires fieldManager to be set");
        }

        ObjectLifecycle.CheckType(request.Resource, applied, request.Namespace);
        var name = request.Path.Name!;
        var bodyName = new ObjectMeta(applied).Name;
        if (bodyName.Length > 0 && bodyName != name)
        {
            throw ApiStatusException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        var force = request.Query["force"].FirstOrDefault() == "true";
        var schema = SchemaLookup.For(request.Resource);
        var current = tx.Get(request.Resource.StorageKey, request.Namespace, name);
        var now = _state.Lifecycle.Now;
        if (current is null)
        {
            var created = ServerSideApply.Apply(null, applied, manager, force, schema, request.Resource.ApiVersion, now, request.Ref, name);
            new ObjectMeta(created).Name = name;
            return (Create(request, created, tx, recordManagedFields: false), true);
        }

        var live = ResourceVersions.Convert(current.Object, request.Resource);
        var result = ServerSideApply.Apply(live, applied, manager, force, schema, request.Resource.ApiVersion, now, request.Ref, name);
        return (Store(request, current, result, tx, manager, recordManagedFields: false), false);
    }

    private static JsonObject PatchDocument(string media, JsonObject current, JsonNode patch, SchemaNode? schema)
    {
        var result = media switch
        {
            JsonPatchType => JsonPatch.Apply(current, patch),
            MergePatchType => MergePatch.Apply(current, patch),
            _ => patch is JsonObject p ? StrategicMergePatch.Apply(current, p, schema) : throw ApiStatusException.BadRequest("a strategic merge patch must be a JSON object"),
        };
        return result as JsonObject ?? throw new ApiStatusException(422, "Invalid", "the patched document is not an object");
    }
}
