using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Gyre.LocalCluster.Objects;
using Gyre.LocalCluster.Patching;
using Gyre.LocalCluster.Schema;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Http;

/// <summary>
/// The generic REST storage of kube-apiserver (k8s.io/apiserver/pkg/registry/generic/registry.Store) for every
/// resource: create, get, list, watch, update, patch, delete and deletecollection, plus status and scale.
/// </summary>
internal sealed partial class ResourceHandler
{
    private readonly ClusterState _state;
    private readonly ObjectDeleter _deleter;
    private readonly WatchStreamer _watcher;

    private readonly ListSnapshots _snapshots;

    public ResourceHandler(ClusterState state)
    {
        _state = state;
        _deleter = new ObjectDeleter(state);
        _watcher = new WatchStreamer(state);
        _snapshots = new ListSnapshots(state.Time);
    }

    public async Task HandleAsync(ApiRequest request, string verb, CancellationToken cancellationToken)
    {
        var sub = request.Path.Subresource;
        if (sub is not null && !(sub == "status" && request.Resource.HasStatus) && !(sub == "scale" && request.Resource.HasScale))
        {
            throw new ApiStatusException(404, "NotFound", "the server could not find the requested resource", request.Path.Name, request.Resource.Group, request.Resource.Plural);
        }

        switch (verb)
        {
            case "get":
                await GetAsync(request).ConfigureAwait(false);
                break;
            case "list":
                await ListAsync(request).ConfigureAwait(false);
                break;
            case "watch":
                await _watcher.StreamAsync(request, cancellationToken).ConfigureAwait(false);
                break;
            case "create":
                await CreateAsync(request, cancellationToken).ConfigureAwait(false);
                break;
            case "update":
                await UpdateAsync(request, cancellationToken).ConfigureAwait(false);
                break;
            case "patch":
                await PatchAsync(request, cancellationToken).ConfigureAwait(false);
                break;
            case "delete":
                await DeleteAsync(request, cancellationToken).ConfigureAwait(false);
                break;
            case "deletecollection":
                await DeleteCollectionAsync(request, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ApiStatusException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
        }
    }

    private async Task GetAsync(ApiRequest request)
    {
        var stored = _state.Store.Get(request.Resource.StorageKey, request.Namespace, request.Path.Name!)
            ?? throw ApiStatusException.NotFound(request.Ref, request.Path.Name!);
        var obj = ResourceVersions.Convert(stored.Object, request.Resource);
        if (request.Path.Subresource == "scale")
        {
            await HttpResponses.WriteAsync(request.Context, 200, Scale.From(request.Resource, obj)).ConfigureAwait(false);
            return;
        }

        if (TableWriter.Wants(request.Context))
        {
            var table = TableWriter.Create(request.Resource, [obj], _state.Time.GetUtcNow(), request.Query["includeObject"].FirstOrDefault());
            table["metadata"] = new JsonObject { ["resourceVersion"] = stored.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            await HttpResponses.WriteAsync(request.Context, 200, table).ConfigureAwait(false);
            return;
        }

        await HttpResponses.WriteAsync(request.Context, 200, obj).ConfigureAwait(false);
    }

    private async Task CreateAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        if (request.Path.Name is not null)
        {
            throw new ApiStatusException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }

        var body = RequestBody.ParseObject(await RequestBody.ReadBytesAsync(request.Context, cancellationToken).ConfigureAwait(false), request.Context.Request.ContentType);
        FieldValidation.Check(_state, request, body);
        var result = _state.Store.Write(tx => Create(request, body, tx));
        _state.NotifyChanged();
        await HttpResponses.WriteAsync(request.Context, 201, ResourceVersions.Convert(result, request.Resource)).ConfigureAwait(false);
    }

    /// <summary>Creates an object inside a write; dry-run stops before staging anything.</summary>
    internal JsonObject Create(ApiRequest request, JsonObject body, StoreTransaction tx, bool recordManagedFields = true)
    {
        var obj = _state.Lifecycle.PrepareCreate(request.Resource, body, request.Namespace, tx);
        var name = new ObjectMeta(obj).Name;
        if (tx.Get(request.Resource.StorageKey, request.Namespace, name) is not null)
        {
            throw ApiStatusException.AlreadyExists(request.Ref, name);
        }

        CustomResourceRules.Validate(_state, request.Resource, obj, tx);
        if (recordManagedFields)
        {
            ManagedFields.RecordUpdate(obj, null, request, _state.Lifecycle.Now, "kubectl-create");
        }
        if (request.DryRun)
        {
            obj["metadata"]!["resourceVersion"] = tx.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return obj;
        }

        return tx.Put(request.Resource.StorageKey, request.Namespace, name, obj, created: true).Object;
    }

    private async Task UpdateAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        var body = RequestBody.ParseObject(await RequestBody.ReadBytesAsync(request.Context, cancellationToken).ConfigureAwait(false), request.Context.Request.ContentType);
        if (request.Path.Subresource == "scale")
        {
            var scaled = _state.Store.Write(tx => Scale.Update(_state, request, body, tx));
            _state.NotifyChanged();
            await HttpResponses.WriteAsync(request.Context, 200, scaled).ConfigureAwait(false);
            return;
        }

        FieldValidation.Check(_state, request, body);
        var (result, created) = _state.Store.Write(tx => Update(request, body, tx));
        _state.NotifyChanged();
        await HttpResponses.WriteAsync(request.Context, created ? 201 : 200, ResourceVersions.Convert(result, request.Resource)).ConfigureAwait(false);
    }

    /// <summary>Replaces an object; PUT of a missing object creates it, as kube-apiserver allows for most kinds.</summary>
    internal (JsonObject Result, bool Created) Update(ApiRequest request, JsonObject body, StoreTransaction tx)
    {
        var name = request.Path.Name!;
        var bodyName = new ObjectMeta(body).Name;
        if (bodyName.Length > 0 && bodyName != name)
        {
            throw ApiStatusException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        new ObjectMeta(body).Name = name;
        var current = tx.Get(request.Resource.StorageKey, request.Namespace, name);
        if (current is null)
        {
            if (request.Path.Subresource is not null)
            {
                throw ApiStatusException.NotFound(request.Ref, name);
            }

            new ObjectMeta(body).Node.Remove("resourceVersion");
            return (Create(request, body, tx), true);
        }

        return (Store(request, current, body, tx, "kubectl-edit"), false);
    }

    /// <summary>Stores an updated object: lifecycle rules, schema checks, managed fields, finalizer-driven removal.</summary>
    internal JsonObject Store(ApiRequest request, StoredObject current, JsonObject body, StoreTransaction tx, string defaultManager, bool recordManagedFields = true)
    {
        var statusOnly = request.Path.Subresource == "status";

        var stored = current;
        if (HorizontalPodAutoscalerVersions.Applies(request.Resource.Group, request.Resource.Kind))
        {
            // The update is made in the requested version: a stored object of the other version is converted first.
            current = current with { Object = ResourceVersions.Convert(current.Object, request.Resource) };
        }

        var obj = ObjectLifecycle.PrepareUpdate(request.Resource, current, body, request.Namespace, statusOnly);
        CustomResourceRules.Validate(_state, request.Resource, obj, tx, current.Object);
        if (recordManagedFields)
        {
            ManagedFields.RecordUpdate(obj, current.Object, request, _state.Lifecycle.Now, defaultManager);
        }

        if (JsonNode.DeepEquals(WithoutVolatile(obj), WithoutVolatile(current.Object)))
        {
            // A no-op update keeps the resourceVersion and wakes no watcher (kube-apiserver skips the etcd write).
            return current.Object.DeepClone().AsObject();
        }

        if (request.DryRun)
        {
            return obj;
        }

        var meta = new ObjectMeta(obj);
        if (meta.IsDeleting && meta.Finalizers.Count == 0)
        {
            return tx.Delete(stored).Object;
        }

        return tx.Put(request.Resource.StorageKey, request.Namespace, current.Name, obj, created: false).Object;
    }

    private static JsonObject WithoutVolatile(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        if (copy["metadata"] is JsonObject meta)
        {
            meta.Remove("resourceVersion");
            if (meta["managedFields"] is JsonArray fields)
            {
                foreach (var entry in fields.OfType<JsonObject>())
                {
                    entry.Remove("time");
                }
            }
        }

        return copy;
    }
}
