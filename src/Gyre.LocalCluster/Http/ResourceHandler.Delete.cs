using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Objects;

namespace Gyre.LocalCluster.Http;

internal sealed partial class ResourceHandler
{
    private async Task DeleteAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var options = await ReadDeleteOptionsAsync(request, cancellationToken).ConfigureAwait(false);
        var name = request.Path.Name!;
        var result = _state.Store.Write(tx =>
        {
            var current = tx.Get(request.Resource.StorageKey, request.Namespace, name) ?? throw ApiStatusException.NotFound(request.Ref, name);
            if (options.Uid is { } uid && uid != new ObjectMeta(current.Object).Uid)
            {
                throw ApiStatusException.Conflict(request.Ref, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {new ObjectMeta(current.Object).Uid}");
            }

            if (options.ResourceVersion is { } rv && rv != new ObjectMeta(current.Object).ResourceVersion)
            {
                throw ApiStatusException.Conflict(request.Ref, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {new ObjectMeta(current.Object).ResourceVersion}");
            }

            return _deleter.Delete(tx, request.Resource, current, options.Propagation, request.DryRun || options.DryRun);
        });
        _state.NotifyChanged();
        await HttpResponses.WriteAsync(request.Context, 200, ResourceVersions.Convert(result, request.Resource)).ConfigureAwait(false);
    }

    private async Task DeleteCollectionAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var options = await ReadDeleteOptionsAsync(request, cancellationToken).ConfigureAwait(false);
        var (items, _) = SelectItems(request, _state);
        var deleted = _state.Store.Write(tx => items
            .Select(i => tx.Get(i.Key, i.Namespace, i.Name))
            .OfType<Storage.StoredObject>()
            .Select(i => _deleter.Delete(tx, request.Resource, i, options.Propagation, request.DryRun || options.DryRun))
            .ToList());
        _state.NotifyChanged();
        var list = new JsonObject
        {
            ["kind"] = request.Resource.Kind + "List",
            ["apiVersion"] = request.Resource.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = _state.Store.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray([.. deleted.Select(d => d.DeepClone())]),
        };
        await HttpResponses.WriteAsync(request.Context, 200, list).ConfigureAwait(false);
    }

    /// <summary>DeleteOptions from the body (kubectl sends one) or the query: propagationPolicy, preconditions, dryRun.</summary>
    private static async Task<DeleteOptions> ReadDeleteOptionsAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var bytes = await RequestBody.ReadBytesAsync(request.Context, cancellationToken).ConfigureAwait(false);
        var body = bytes.Length == 0 ? new JsonObject() : RequestBody.ParseObject(bytes, request.Context.Request.ContentType);
        var policy = body["propagationPolicy"]?.GetValue<string>() ?? request.Query["propagationPolicy"].FirstOrDefault();
        if (body["orphanDependents"] is JsonValue orphan && orphan.TryGetValue<bool>(out var o))
        {
            policy ??= o ? "Orphan" : "Background";
        }

        if (policy is not null and not "Background" and not "Foreground" and not "Orphan")
        {
            throw ApiStatusException.Invalid("DeleteOptions", string.Empty, string.Empty, [new StatusCause("FieldValueNotSupported", $"Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\"", "propagationPolicy")]);
        }

        var dryRun = body["dryRun"] is JsonArray d && d.Any(v => v?.GetValue<string>() == "All");
        return new DeleteOptions(
            policy ?? "Background",
            body["preconditions"]?["uid"]?.GetValue<string>(),
            body["preconditions"]?["resourceVersion"]?.GetValue<string>(),
            dryRun);
    }

    private sealed record DeleteOptions(string Propagation, string? Uid, string? ResourceVersion, bool DryRun);
}
