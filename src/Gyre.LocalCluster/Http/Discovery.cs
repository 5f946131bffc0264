using System.Text.Json.Nodes;
using Gyre.LocalCluster.Api;
using Microsoft.AspNetCore.Http;

namespace Gyre.LocalCluster.Http;

/// <summary>
/// Discovery documents: legacy (/api, /apis, /api/v1, /apis/{group}/{version}) and, when the client asks for it as
/// kubectl 1.32 does, aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList) in one response.
/// </summary>
internal static class Discovery
{
    private const string AggregatedMedia = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    public static bool WantsAggregated(HttpContext context) =>
        context.Request.Headers.Accept.Any(a => a is not null && a.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal) && a.Contains("v=v2;", StringComparison.Ordinal));

    public static Task WriteAsync(HttpContext context, ResourceCatalog catalog, string path)
    {
        var resources = catalog.All;
        var aggregated = WantsAggregated(context);
        switch (path)
        {
            case "/api" when aggregated:
                return HttpResponses.WriteAsync(context, 200, AggregatedList(resources.Where(r => r.Group.Length == 0)), AggregatedMedia);
            case "/apis" when aggregated:
                return HttpResponses.WriteAsync(context, 200, AggregatedList(resources.Where(r => r.Group.Length > 0)), AggregatedMedia);
            case "/api":
                return HttpResponses.WriteAsync(context, 200, new JsonObject
                {
                    ["kind"] = "APIVersions",
                    ["versions"] = new JsonArray("v1"),
                    ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = context.Request.Host.Value }),
                });
            case "/apis":
                return HttpResponses.WriteAsync(context, 200, new JsonObject
                {
                    ["kind"] = "APIGroupList",
                    ["apiVersion"] = "v1",
                    ["groups"] = new JsonArray([.. Groups(resources).Select(g => (JsonNode)GroupObject(g.Key, g.Value))]),
                });
        }

        var parts = path.Trim('/').Split('/');
        if (parts is ["apis", var group])
        {
            var groups = Groups(resources);
            return groups.TryGetValue(group, out var versions)
                ? HttpResponses.WriteAsync(context, 200, GroupObject(group, versions))
                : HttpResponses.WriteStatusAsync(context, NotFound());
        }

        var (g, v) = parts switch
        {
            ["api", var version] => (string.Empty, version),
            ["apis", var grp, var version] => (grp, version),
            _ => (null, null),
        };
        var list = g is null ? [] : resources.Where(r => r.Group == g && r.Version == v).ToList();
        if (list.Count == 0)
        {
            return HttpResponses.WriteStatusAsync(context, NotFound());
        }

        return HttpResponses.WriteAsync(context, 200, new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = g!.Length == 0 ? v : g + "/" + v,
            ["resources"] = new JsonArray([.. list.SelectMany(LegacyResources)]),
        });
    }

    public static ApiStatusException NotFound() => new(404, "NotFound", "the server could not find the requested resource");

    private static Dictionary<string, List<string>> Groups(IEnumerable<ResourceInfo> resources)
    {
        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var r in resources.Where(r => r.Group.Length > 0))
        {
            if (!groups.TryGetValue(r.Group, out var versions))
            {
                versions = [];
                groups[r.Group] = versions;
            }

            if (!versions.Contains(r.Version))
            {
                versions.Add(r.Version);
            }
        }

        foreach (var versions in groups.Values)
        {
            versions.Sort(CompareVersions);
        }

        return groups;
    }

    private static JsonObject GroupObject(string group, List<string> versions) => new()
    {
        ["kind"] = "APIGroup",
        ["apiVersion"] = "v1",
        ["name"] = group,
        ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = group + "/" + v, ["version"] = v })]),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = group + "/" + versions[0], ["version"] = versions[0] },
    };

    private static IEnumerable<JsonNode> LegacyResources(ResourceInfo r)
    {
        var main = new JsonObject
        {
            ["name"] = r.Plural,
            ["singularName"] = r.Singular,
            ["namespaced"] = r.Namespaced,
            ["kind"] = r.Kind,
            ["verbs"] = new JsonArray([.. r.Verbs.Select(v => (JsonNode)JsonValue.Create(v))]),
        };
        if (r.ShortNames.Count > 0)
        {
            main["shortNames"] = new JsonArray([.. r.ShortNames.Select(s => (JsonNode)JsonValue.Create(s))]);
        }

        if (r.Categories.Count > 0)
        {
            main["categories"] = new JsonArray([.. r.Categories.Select(s => (JsonNode)JsonValue.Create(s))]);
        }

        yield return main;
        if (r.HasStatus)
        {
            yield return new JsonObject { ["name"] = r.Plural + "/status", ["singularName"] = string.Empty, ["namespaced"] = r.Namespaced, ["kind"] = r.Kind, ["verbs"] = new JsonArray("get", "patch", "update") };
        }

        if (r.HasScale)
        {
            yield return new JsonObject { ["name"] = r.Plural + "/scale", ["singularName"] = string.Empty, ["namespaced"] = r.Namespaced, ["group"] = "autoscaling", ["version"] = "v1", ["kind"] = "Scale", ["verbs"] = new JsonArray("get", "patch", "update") };
        }

        if (r.Group.Length == 0 && r.Plural == "serviceaccounts")
        {
            yield return new JsonObject { ["name"] = "serviceaccounts/token", ["singularName"] = string.Empty, ["namespaced"] = true, ["group"] = "authentication.k8s.io", ["version"] = "v1", ["kind"] = "TokenRequest", ["verbs"] = new JsonArray("create") };
        }
    }

    private static JsonObject AggregatedList(IEnumerable<ResourceInfo> resources)
    {
        var list = resources.ToList();
        var items = new JsonArray();
        var groupNames = list.Select(r => r.Group).Distinct().ToList();
        foreach (var group in groupNames)
        {
            var versions = list.Where(r => r.Group == group).Select(r => r.Version).Distinct().ToList();
            versions.Sort(CompareVersions);
            items.Add(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = group, ["creationTimestamp"] = null },
                ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)new JsonObject
                {
                    ["version"] = v,
                    ["resources"] = new JsonArray([.. list.Where(r => r.Group == group && r.Version == v).Select(AggregatedResource)]),
                    ["freshness"] = "Current",
                })]),
            });
        }

        return new JsonObject { ["kind"] = "APIGroupDiscoveryList", ["apiVersion"] = "apidiscovery.k8s.io/v2", ["metadata"] = new JsonObject(), ["items"] = items };
    }

    private static JsonNode AggregatedResource(ResourceInfo r)
    {
        var node = new JsonObject
        {
            ["resource"] = r.Plural,
            ["responseKind"] = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind },
            ["scope"] = r.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = r.Singular,
            ["verbs"] = new JsonArray([.. r.Verbs.Select(v => (JsonNode)JsonValue.Create(v))]),
        };
        if (r.ShortNames.Count > 0)
        {
            node["shortNames"] = new JsonArray([.. r.ShortNames.Select(s => (JsonNode)JsonValue.Create(s))]);
        }

        if (r.Categories.Count > 0)
        {
            node["categories"] = new JsonArray([.. r.Categories.Select(s => (JsonNode)JsonValue.Create(s))]);
        }

        var subs = new JsonArray();
        if (r.HasStatus)
        {
            subs.Add(new JsonObject { ["subresource"] = "status", ["responseKind"] = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind }, ["verbs"] = new JsonArray("get", "patch", "update") });
        }

        if (r.HasScale)
        {
            subs.Add(new JsonObject { ["subresource"] = "scale", ["responseKind"] = new JsonObject { ["group"] = "autoscaling", ["version"] = "v1", ["kind"] = "Scale" }, ["verbs"] = new JsonArray("get", "patch", "update") });
        }

        if (r.Group.Length == 0 && r.Plural == "serviceaccounts")
        {
            subs.Add(new JsonObject { ["subresource"] = "token", ["responseKind"] = new JsonObject { ["group"] = "authentication.k8s.io", ["version"] = "v1", ["kind"] = "TokenRequest" }, ["verbs"] = new JsonArray("create") });
        }

        if (subs.Count > 0)
        {
            node["subresources"] = subs;
        }

        return node;
    }

    /// <summary>Kubernetes version priority: GA before beta before alpha, higher numbers first (v2 > v1 > v1beta2 > v1beta1 > v1alpha1).</summary>
    private static int CompareVersions(string a, string b) => VersionRank(b).CompareTo(VersionRank(a));

    private static (int Stability, int Major, int Minor) VersionRank(string v)
    {
        var m = System.Text.RegularExpressions.Regex.Match(v, "^v(\\d+)(?:(alpha|beta)(\\d+))?$");
        if (!m.Success)
        {
            return (-1, 0, 0);
        }

        var major = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var stability = m.Groups[2].Value switch { "" => 2, "beta" => 1, _ => 0 };
        var minor = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (stability, major, minor);
    }
}
