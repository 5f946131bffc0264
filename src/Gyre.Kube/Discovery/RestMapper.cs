using System.Collections.Concurrent;

namespace Gyre.Kube.Discovery;

/// <summary>
/// Maps group/version/kind to REST resources and back, caching what discovery returned. A miss re-reads that
/// group-version from the server before failing, because CRDs are installed at run time (controller-runtime's
/// lazy, refresh-on-miss <c>DynamicRESTMapper</c>).
/// </summary>
public sealed class RestMapper(DiscoveryClient discovery, string server)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<ApiResource>> _byGroupVersion = new(StringComparer.Ordinal);

    /// <summary>Finds the resource serving <paramref name="apiVersion"/> and <paramref name="kind"/>.</summary>
    /// <exception cref="KubeMappingException">The server does not serve the kind, even after re-discovery.</exception>
    public async Task<ApiResource> FindAsync(string apiVersion, string kind, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiVersion);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        if (_byGroupVersion.TryGetValue(apiVersion, out var cached) && Match(cached, kind) is { } hit)
        {
            return hit;
        }

        var fresh = await RefreshAsync(apiVersion, cancellationToken).ConfigureAwait(false);
        return Match(fresh, kind) ?? throw new KubeMappingException(apiVersion, kind, server);
    }

    /// <summary>Finds a resource by its plural name (e.g. <c>deployments</c>) in a group-version.</summary>
    public async Task<ApiResource> FindByResourceAsync(string apiVersion, string resource, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiVersion);
        if (_byGroupVersion.TryGetValue(apiVersion, out var cached) && cached.FirstOrDefault(r => r.Resource == resource) is { } hit)
        {
            return hit;
        }

        var fresh = await RefreshAsync(apiVersion, cancellationToken).ConfigureAwait(false);
        return fresh.FirstOrDefault(r => r.Resource == resource) ?? throw new KubeMappingException(apiVersion, resource, server);
    }

    /// <summary>Forgets a group-version, e.g. after its CRD was deleted or a request answered 404 for the resource.</summary>
    public void Invalidate(string apiVersion) => _byGroupVersion.TryRemove(apiVersion, out _);

    private async Task<IReadOnlyList<ApiResource>> RefreshAsync(string apiVersion, CancellationToken cancellationToken)
    {
        var resources = await discovery.GetResourcesAsync(apiVersion, cancellationToken).ConfigureAwait(false);
        _byGroupVersion[apiVersion] = resources;
        return resources;
    }

    private static ApiResource? Match(IReadOnlyList<ApiResource> resources, string kind) =>
        resources.FirstOrDefault(r => string.Equals(r.Kind, kind, StringComparison.Ordinal));
}
