using System.Text.Json.Nodes;
using Gyre.Kube.Transport;

namespace Gyre.Kube.Discovery;

/// <summary>
/// Reads the server's API groups and resources (<c>/api</c>, <c>/apis</c>, <c>/api/v1</c>, <c>/apis/&lt;group&gt;/&lt;version&gt;</c>).
/// </summary>
public sealed class DiscoveryClient(KubeApiClient api)
{
    /// <summary>Every group-version the server serves (<c>v1</c>, <c>apps/v1</c>, ...), preferred versions first within a group.</summary>
    public async Task<IReadOnlyList<string>> GetGroupVersionsAsync(CancellationToken cancellationToken)
    {
        var result = new List<string>();
        var core = await api.SendJsonAsync(Get("/api", "apiversions"), cancellationToken).ConfigureAwait(false);
        result.AddRange((core["versions"] as JsonArray ?? []).Select(v => (string?)v).OfType<string>());
        var groups = await api.SendJsonAsync(Get("/apis", "apigroups"), cancellationToken).ConfigureAwait(false);
        foreach (var group in (groups["groups"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var preferred = (string?)group["preferredVersion"]?["groupVersion"];
            var versions = (group["versions"] as JsonArray ?? []).Select(v => (string?)v?["groupVersion"]).OfType<string>().ToList();
            if (preferred is not null && versions.Remove(preferred))
            {
                versions.Insert(0, preferred);
            }

            result.AddRange(versions);
        }

        return result;
    }

    /// <summary>The server's version document (<c>/version</c>: gitVersion, major, minor, platform...), as `kubectl version` reads it.</summary>
    public Task<JsonObject> GetServerVersionAsync(CancellationToken cancellationToken) =>
        api.SendJsonAsync(Get("/version", "version"), cancellationToken);

    /// <summary>The resources of one group-version; empty when the server does not serve it.</summary>
    public async Task<IReadOnlyList<ApiResource>> GetResourcesAsync(string groupVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(groupVersion);
        var (group, version) = Split(groupVersion);
        var path = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
        JsonObject list;
        try
        {
            list = await api.SendJsonAsync(Get(path, groupVersion), cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return [];
        }

        var entries = (list["resources"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var subresources = entries.Select(e => (string?)e["name"]).OfType<string>().Where(n => n.Contains('/', StringComparison.Ordinal))
            .Select(n => n.Split('/', 2)).ToLookup(p => p[0], p => p[1], StringComparer.Ordinal);
        var resources = new List<ApiResource>();
        foreach (var entry in entries)
        {
            var name = (string?)entry["name"];
            var kind = (string?)entry["kind"];
            if (name is null || kind is null || name.Contains('/', StringComparison.Ordinal))
            {
                continue;
            }

            resources.Add(new ApiResource(group, version, name, kind, (bool?)entry["namespaced"] ?? false)
            {
                Verbs = (entry["verbs"] as JsonArray ?? []).Select(v => (string?)v).OfType<string>().ToList(),
                Subresources = subresources[name].ToList(),
            });
        }

        return resources;
    }

    internal static (string Group, string Version) Split(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    private static KubeRequest Get(string path, string what) => new(HttpMethod.Get, path, new KubeRequestTarget("discover", what, null, null));
}
