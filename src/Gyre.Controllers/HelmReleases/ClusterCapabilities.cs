using Gyre.Helm.Rendering;
using Gyre.Kube;

namespace Gyre.Controllers.HelmReleases;

/// <summary>
/// .Capabilities for install and upgrade from the cluster, as Helm's action configuration builds them: KubeVersion
/// from /version, APIVersions from discovery ("group/version" and "group/version/Kind" for every served resource).
/// Discovery is kept for up to <see cref="MaxAge"/> per cluster and read again at once when the served group-versions
/// change (a CRD of a new group was installed), so a thousand releases do not each walk discovery.
/// </summary>
internal sealed class ClusterCapabilities(TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTimeOffset At, IReadOnlyList<string> Groups, Capabilities Value)> _cache = new(StringComparer.Ordinal);

    public async Task<Capabilities> GetAsync(KubeClient client, string cluster, CancellationToken cancellationToken)
    {
        var groups = await client.Discovery.GetGroupVersionsAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_cache.TryGetValue(cluster, out var cached) && time.GetUtcNow() - cached.At < MaxAge && cached.Groups.SequenceEqual(groups))
            {
                return cached.Value;
            }
        }

        var version = await client.Discovery.GetServerVersionAsync(cancellationToken).ConfigureAwait(false);
        var apiVersions = new List<string>();
        foreach (var groupVersion in groups)
        {
            apiVersions.Add(groupVersion);
            foreach (var resource in await client.Discovery.GetResourcesAsync(groupVersion, cancellationToken).ConfigureAwait(false))
            {
                apiVersions.Add(groupVersion + "/" + resource.Kind);
            }
        }

        var capabilities = new Capabilities
        {
            KubeVersion = (string?)version["gitVersion"] is { Length: > 0 } git ? git : Capabilities.DefaultKubeVersion,
            ApiVersions = apiVersions.Distinct(StringComparer.Ordinal).ToList(),
        };
        lock (_gate)
        {
            _cache[cluster] = (time.GetUtcNow(), groups, capabilities);
        }

        return capabilities;
    }
}
