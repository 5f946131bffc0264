using System.Collections.Concurrent;
using Gyre.Kube.Discovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gyre.Kube.Informers;

/// <summary>
/// One informer per resource and scope, shared by every controller that asks (client-go's
/// <c>SharedInformerFactory</c>): one list+watch and one cache per kind, however many consumers.
/// </summary>
public sealed class SharedInformerFactory(KubeClient client, TimeProvider? timeProvider = null, ILogger? logger = null) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SharedInformer> _informers = new(StringComparer.Ordinal);

    /// <summary>Every informer of this factory drops metadata.managedFields (see <see cref="InformerOptions.StripManagedFields"/>).</summary>
    public bool StripManagedFields { get; init; }

    /// <summary>Gets the informer for a resource and options, creating it on first use; call <see cref="SharedInformer.Start"/> or <see cref="StartAll"/>.</summary>
    public SharedInformer GetOrCreate(ApiResource resource, InformerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resource);
        options ??= new InformerOptions();
        options = StripManagedFields ? options with { StripManagedFields = true } : options;
        var key = $"{resource.ApiVersion}/{resource.Resource}|{options.Namespace}|{options.LabelSelector}|{options.FieldSelector}|{options.MetadataOnly}|{options.StripManagedFields}";
        return _informers.GetOrAdd(key, _ => new SharedInformer(client.Resource(resource), options, timeProvider ?? client.Api.TimeProvider, logger ?? NullLogger.Instance));
    }

    /// <summary>Gets the informer for a kind, mapping it through discovery.</summary>
    public async Task<SharedInformer> GetOrCreateAsync(string apiVersion, string kind, InformerOptions? options, CancellationToken cancellationToken)
    {
        var resource = await client.Mapper.FindAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
        return GetOrCreate(resource, options);
    }

    /// <summary>Starts every informer created so far.</summary>
    public void StartAll()
    {
        foreach (var informer in _informers.Values)
        {
            informer.Start();
        }
    }

    /// <summary>Waits until every informer created so far has listed once.</summary>
    public Task WaitForCacheSyncAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_informers.Values.Select(i => i.WaitForSyncAsync(cancellationToken)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var informer in _informers.Values)
        {
            await informer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
