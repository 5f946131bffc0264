using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gyre.Kube.Discovery;
using Gyre.Kube.Transport;
using Gyre.Kube.Watch;

namespace Gyre.Kube.Dynamic;

/// <summary>
/// The dynamic client for one resource (client-go <c>dynamic.ResourceInterface</c>): objects are JSON,
/// namespaces are arguments or read from the object's metadata.
/// </summary>
public sealed class ResourceClient
{
    private readonly KubeApiClient _api;

    internal ResourceClient(KubeApiClient api, ApiResource resource)
    {
        _api = api;
        Resource = resource;
    }

    /// <summary>The resource this client works on.</summary>
    public ApiResource Resource { get; }

    /// <summary>Reads one object.</summary>
    /// <exception cref="KubeApiException">With <see cref="KubeApiException.IsNotFound"/> when it does not exist.</exception>
    public Task<JsonObject> GetAsync(string? ns, string name, CancellationToken cancellationToken) =>
        GetAsync(ns, name, null, cancellationToken);

    /// <summary>Reads one object or one of its subresources (e.g. <c>scale</c>).</summary>
    public async Task<JsonObject> GetAsync(string? ns, string name, string? subresource, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var target = Target("get", Ns(ns), name);
        var result = await _api.SendJsonAsync(new KubeRequest(HttpMethod.Get, Resource.ObjectPath(Ns(ns), name, subresource), target), cancellationToken).ConfigureAwait(false);
        return subresource is null ? WithTypeMeta(result, Resource.ApiVersion, Resource.Kind) : result;
    }

    /// <summary>Lists one page; <paramref name="ns"/> null lists across all namespaces.</summary>
    public async Task<KubeList> ListAsync(string? ns, ListOptions? options, CancellationToken cancellationToken)
    {
        options ??= new ListOptions();
        var target = Target("list", ns, null);
        var list = await _api.SendJsonAsync(new KubeRequest(HttpMethod.Get, Resource.CollectionPath(ns) + options.ToQuery(), target), cancellationToken).ConfigureAwait(false);
        // Detach items from the list (a JsonNode has one parent) and restore the type metadata lists omit.
        var array = list["items"] as JsonArray;
        var nodes = array?.ToArray() ?? [];
        array?.Clear();
        var items = new List<JsonObject>(nodes.Length);
        foreach (var node in nodes)
        {
            if (node is JsonObject item)
            {
                items.Add(WithTypeMeta(item, Resource.ApiVersion, Resource.Kind));
            }
        }

        var continueToken = (string?)list["metadata"]?["continue"];
        return new KubeList(items, (string?)list["metadata"]?["resourceVersion"], string.IsNullOrEmpty(continueToken) ? null : continueToken);
    }

    /// <summary>Lists every page, following continue tokens.</summary>
    public async IAsyncEnumerable<JsonObject> ListAllAsync(string? ns, ListOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var page = options ?? new ListOptions { Limit = 500 };
        while (true)
        {
            var list = await ListAsync(ns, page, cancellationToken).ConfigureAwait(false);
            foreach (var item in list.Items)
            {
                yield return item;
            }

            if (list.Continue is null)
            {
                yield break;
            }

            page = page with { Continue = list.Continue };
        }
    }

    /// <summary>Creates an object; a namespaced object without metadata.namespace goes to the connection's namespace.</summary>
    public Task<JsonObject> CreateAsync(JsonObject obj, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var ns = NamespaceOf(obj);
        var target = Target("create", ns, (string?)obj["metadata"]?["name"]);
        return SendObjectAsync(new KubeRequest(HttpMethod.Post, Resource.CollectionPath(ns) + (options ?? new()).ToQuery(), target) { Body = Json(obj) }, cancellationToken);
    }

    /// <summary>Replaces an object; metadata.resourceVersion, when set, makes a stale write fail with Conflict.</summary>
    public Task<JsonObject> UpdateAsync(JsonObject obj, WriteOptions? options, CancellationToken cancellationToken) =>
        PutAsync(obj, null, "update", options, cancellationToken);

    /// <summary>Replaces an object's status (the <c>status</c> subresource); other changes are ignored by the server.</summary>
    public Task<JsonObject> UpdateStatusAsync(JsonObject obj, WriteOptions? options, CancellationToken cancellationToken) =>
        PutAsync(obj, "status", "update status of", options, cancellationToken);

    /// <summary>Patches an object or one of its subresources.</summary>
    public Task<JsonObject> PatchAsync(string? ns, string name, PatchType type, string patch, WriteOptions? options, CancellationToken cancellationToken) =>
        PatchAsync(ns, name, type, patch, null, options, cancellationToken);

    /// <summary>Patches an object or one of its subresources (<c>status</c>, <c>scale</c>).</summary>
    public Task<JsonObject> PatchAsync(string? ns, string name, PatchType type, string patch, string? subresource, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(patch);
        options ??= new WriteOptions();
        if (type == PatchType.Apply && string.IsNullOrEmpty(options.FieldManager))
        {
            throw new ArgumentException("server-side apply needs a field manager (WriteOptions.FieldManager)", nameof(options));
        }

        var verb = type == PatchType.Apply ? "apply" : "patch";
        var target = Target(subresource is null ? verb : $"{verb} {subresource} of", Ns(ns), name);
        var request = new KubeRequest(HttpMethod.Patch, Resource.ObjectPath(Ns(ns), name, subresource) + options.ToQuery(), target)
        {
            Body = Encoding.UTF8.GetBytes(patch),
            ContentType = type.ContentType(),
        };
        return SendObjectAsync(request, cancellationToken, typed: subresource is null or "status");
    }

    /// <summary>Server-side applies an object (its namespace and name from metadata).</summary>
    public Task<JsonObject> ApplyAsync(JsonObject obj, WriteOptions options, CancellationToken cancellationToken) =>
        ApplyAsync(obj, null, options, cancellationToken);

    /// <summary>Server-side applies an object or its status.</summary>
    public Task<JsonObject> ApplyAsync(JsonObject obj, string? subresource, WriteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = (string?)obj["metadata"]?["name"] ?? throw new ArgumentException("metadata.name is required to apply", nameof(obj));
        return PatchAsync(NamespaceOf(obj), name, PatchType.Apply, obj.ToJsonString(), subresource, options, cancellationToken);
    }

    /// <summary>Sets spec.replicas through the <c>scale</c> subresource; returns the autoscaling/v1 Scale.</summary>
    public Task<JsonObject> ScaleAsync(string? ns, string name, int replicas, WriteOptions? options, CancellationToken cancellationToken) =>
        PatchAsync(ns, name, PatchType.Merge, $"{{\"spec\":{{\"replicas\":{replicas.ToString(CultureInfo.InvariantCulture)}}}}}", "scale", options, cancellationToken);

    /// <summary>
    /// Deletes an object. Returns the object when deletion is pending (finalizers, foreground propagation), or null
    /// when the server answered with a Success Status (already gone).
    /// </summary>
    public async Task<JsonObject?> DeleteAsync(string? ns, string name, DeleteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var request = new KubeRequest(HttpMethod.Delete, Resource.ObjectPath(Ns(ns), name), Target("delete", Ns(ns), name))
        {
            Body = Json((options ?? new DeleteOptions()).ToJson()),
        };
        var result = await _api.SendJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return (string?)result["kind"] == "Status" ? null : WithTypeMeta(result, Resource.ApiVersion, Resource.Kind);
    }

    /// <summary>Watches changes until the server ends the watch or an error occurs; the caller reconnects (a <see cref="Informers.SharedInformer"/> does that).</summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(string? ns, WatchOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        options ??= new WatchOptions();
        var q = new QueryBuilder();
        q.Add("watch", "1");
        q.Add("resourceVersion", options.ResourceVersion);
        q.Add("labelSelector", options.LabelSelector);
        q.Add("fieldSelector", options.FieldSelector);
        q.Add("allowWatchBookmarks", options.AllowBookmarks ? "true" : null);
        q.Add("timeoutSeconds", ((long)options.Timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        var target = Target("watch", ns, null);
        using var response = await _api.SendAsync(new KubeRequest(HttpMethod.Get, Resource.CollectionPath(ns) + q, target) { Streaming = true }, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var events = WatchStreamReader.ReadAsync(stream, target, Resource.ApiVersion, Resource.Kind, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (events.ConfigureAwait(false))
            {
                while (await NextAsync(events, target, cancellationToken).ConfigureAwait(false))
                {
                    yield return events.Current;
                }
            }
        }
    }

    private async Task<bool> NextAsync(IAsyncEnumerator<WatchEvent> events, KubeRequestTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            throw new KubeTransportException(target, _api.Connection.RedactedServer, $"the watch stream broke: {e.Message}", isTransient: true, e);
        }
    }

    private Task<JsonObject> PutAsync(JsonObject obj, string? subresource, string verb, WriteOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var name = (string?)obj["metadata"]?["name"] ?? throw new ArgumentException("metadata.name is required", nameof(obj));
        var ns = NamespaceOf(obj);
        var request = new KubeRequest(HttpMethod.Put, Resource.ObjectPath(ns, name, subresource) + (options ?? new()).ToQuery(), Target(verb, ns, name)) { Body = Json(obj) };
        return SendObjectAsync(request, cancellationToken);
    }

    private async Task<JsonObject> SendObjectAsync(KubeRequest request, CancellationToken cancellationToken, bool typed = true)
    {
        var result = await _api.SendJsonAsync(request, cancellationToken).ConfigureAwait(false);
        return typed ? WithTypeMeta(result, Resource.ApiVersion, Resource.Kind) : result;
    }

    private string? Ns(string? ns) => Resource.Namespaced ? (string.IsNullOrEmpty(ns) ? _api.Connection.Namespace : ns) : null;

    private string? NamespaceOf(JsonObject obj) => Ns((string?)obj["metadata"]?["namespace"]);

    private KubeRequestTarget Target(string verb, string? ns, string? name) => new(verb, Resource.QualifiedResource, ns, name);

    private static byte[] Json(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node);

    /// <summary>Sets apiVersion and kind when the server left them out (list items and watch objects).</summary>
    internal static JsonObject WithTypeMeta(JsonObject obj, string apiVersion, string kind)
    {
        if (obj["apiVersion"] is null)
        {
            obj.Insert(0, "apiVersion", apiVersion);
        }

        if (obj["kind"] is null)
        {
            obj.Insert(1, "kind", kind);
        }

        return obj;
    }
}
