using System.Collections.Immutable;

namespace Gyre.LocalCluster.Api;

/// <summary>
/// Every resource the server serves: the built-in table plus the versions that established CustomResourceDefinitions
/// add. Replaced atomically when a CRD changes, so discovery sees a new kind as soon as the CRD is stored.
/// </summary>
internal sealed class ResourceCatalog
{
    private readonly IReadOnlyList<ResourceInfo> _builtIn = BuiltInResources.Create();
    private ImmutableArray<ResourceInfo> _all;

    public ResourceCatalog()
    {
        _all = [.. _builtIn];
    }

    public ImmutableArray<ResourceInfo> All => _all;

    /// <summary>Replaces the custom resources (all served versions of all established CRDs).</summary>
    public void SetCustomResources(IEnumerable<ResourceInfo> custom) => _all = [.. _builtIn, .. custom];

    public ResourceInfo? Find(string group, string version, string plural)
    {
        foreach (var r in _all)
        {
            if (r.Plural == plural && r.Version == version && r.Group == group)
            {
                return r;
            }
        }

        return null;
    }

    public ResourceInfo? FindByKind(string apiVersion, string kind)
    {
        foreach (var r in _all)
        {
            if (r.Kind == kind && r.ApiVersion == apiVersion)
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>The storage version of a resource (all served versions share one storage key).</summary>
    public IEnumerable<ResourceInfo> ByStorageKey(string storageKey) => _all.Where(r => r.StorageKey == storageKey);

    public bool IsGroupServed(string group, string version) => _all.Any(r => r.Group == group && r.Version == version);
}
