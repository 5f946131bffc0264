using System.Text.Json.Nodes;
using Gyre.Kube.Config;
using Gyre.Kube.Discovery;
using Gyre.Kube.Dynamic;
using Gyre.Manifests;
using Microsoft.Extensions.Logging;

namespace Gyre.Kube;

/// <summary>
/// The entry point: an HTTP client for one connection, discovery, a REST mapper and dynamic resource clients.
/// </summary>
public sealed class KubeClient : IDisposable
{
    /// <summary>Creates a client for a resolved connection.</summary>
    public KubeClient(KubeConnection connection, KubeClientOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        Api = new KubeApiClient(connection, options, timeProvider, logger);
        Discovery = new DiscoveryClient(Api);
        Mapper = new RestMapper(Discovery, connection.RedactedServer);
    }

    /// <summary>Loads kubeconfig files and resolves a context, as kubectl does with its flags.</summary>
    public static async Task<KubeClient> FromKubeconfigAsync(KubeconfigSources sources, KubeContextOverrides overrides, KubeClientOptions? options,
        TimeProvider? timeProvider, ILogger? logger, CancellationToken cancellationToken)
    {
        var config = await KubeconfigLoader.LoadAsync(sources, cancellationToken).ConfigureAwait(false);
        var connection = await KubeconfigResolver.ResolveAsync(config, overrides, cancellationToken).ConfigureAwait(false);
        return new KubeClient(connection, options, timeProvider, logger);
    }

    /// <summary>The HTTP core.</summary>
    public KubeApiClient Api { get; }

    /// <summary>The server's API groups and resources.</summary>
    public DiscoveryClient Discovery { get; }

    /// <summary>Kind ⇄ resource mapping, refreshed on a miss.</summary>
    public RestMapper Mapper { get; }

    /// <summary>The connection's default namespace.</summary>
    public string DefaultNamespace => Api.Connection.Namespace;

    /// <summary>A dynamic client for a known resource.</summary>
    public ResourceClient Resource(ApiResource resource) => new(Api, resource);

    /// <summary>A dynamic client for a kind, found through discovery.</summary>
    /// <exception cref="KubeMappingException">The server does not serve the kind.</exception>
    public async Task<ResourceClient> ForKindAsync(string apiVersion, string kind, CancellationToken cancellationToken) =>
        Resource(await Mapper.FindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false));

    /// <summary>A dynamic client for a group/version/kind, found through discovery.</summary>
    public Task<ResourceClient> ForKindAsync(GroupVersionKind gvk, CancellationToken cancellationToken) =>
        ForKindAsync(gvk.ApiVersion, gvk.Kind, cancellationToken);

    /// <summary>A dynamic client for the kind of a manifest object.</summary>
    public Task<ResourceClient> ForObjectAsync(KubeObject obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return ForObjectAsync(obj.Json, cancellationToken);
    }

    /// <summary>Server-side applies a manifest object, mapping its kind through discovery.</summary>
    public async Task<KubeObject> ApplyAsync(KubeObject obj, WriteOptions options, CancellationToken cancellationToken)
    {
        var resource = await ForObjectAsync(obj, cancellationToken).ConfigureAwait(false);
        return new KubeObject(await resource.ApplyAsync(obj.Json, options, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A dynamic client for the kind of <paramref name="obj"/>.</summary>
    public Task<ResourceClient> ForObjectAsync(JsonObject obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var apiVersion = (string?)obj["apiVersion"];
        var kind = (string?)obj["kind"];
        if (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind))
        {
            throw new ArgumentException($"object {(string?)obj["metadata"]?["name"]} has no apiVersion or kind", nameof(obj));
        }

        return ForKindAsync(apiVersion, kind, cancellationToken);
    }

    /// <summary>A client sharing nothing but configuration, that acts as another user (Impersonate-User/Group).</summary>
    public KubeClient Impersonate(KubeImpersonation impersonation, KubeClientOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null) =>
        new(Api.Connection.WithImpersonation(impersonation), options, timeProvider ?? Api.TimeProvider, logger ?? Api.Logger);

    /// <inheritdoc />
    public void Dispose() => Api.Dispose();
}
