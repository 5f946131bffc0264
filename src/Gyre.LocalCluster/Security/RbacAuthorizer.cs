using System.Text.Json.Nodes;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Security;

/// <summary>
/// RBAC as kube-apiserver's authorizer evaluates it: system:masters may do anything; everyone else gets the union
/// of the rules of the ClusterRoles bound cluster-wide and the Roles/ClusterRoles bound in the request's namespace
/// to their user name, groups or service account. Discovery and health endpoints are open to authenticated users
/// (the system:discovery and system:public-info-viewer roles of a real cluster).
/// </summary>
internal sealed class RbacAuthorizer
{
    private readonly ObjectStore _store;

    public RbacAuthorizer(ObjectStore store)
    {
        _store = store;
    }

    public bool Allows(UserInfo user, ResourceAttributes request)
    {
        if (user.IsClusterAdmin)
        {
            return true;
        }

        foreach (var binding in _store.List("clusterrolebindings.rbac.authorization.k8s.io", null).Items)
        {
            if (Binds(binding.Object, user) && RulesOf(binding.Object, string.Empty).Any(r => Matches(r, request)))
            {
                return true;
            }
        }

        if (request.Namespace.Length == 0)
        {
            return false;
        }

        foreach (var binding in _store.List("rolebindings.rbac.authorization.k8s.io", request.Namespace).Items)
        {
            if (Binds(binding.Object, user) && RulesOf(binding.Object, request.Namespace).Any(r => Matches(r, request)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Binds(JsonObject binding, UserInfo user)
    {
        foreach (var subject in (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = subject["name"]?.GetValue<string>();
            var matched = subject["kind"]?.GetValue<string>() switch
            {
                "User" => name == user.Name,
                "Group" => name is not null && user.Groups.Contains(name),
                "ServiceAccount" => user.Name == $"system:serviceaccount:{subject["namespace"]?.GetValue<string>()}:{name}",
                _ => false,
            };
            if (matched)
            {
                return true;
            }
        }

        return false;
    }

    private IEnumerable<JsonObject> RulesOf(JsonObject binding, string ns)
    {
        var roleRef = binding["roleRef"] as JsonObject;
        var name = roleRef?["name"]?.GetValue<string>() ?? string.Empty;
        var role = roleRef?["kind"]?.GetValue<string>() switch
        {
            "ClusterRole" => _store.Get("clusterroles.rbac.authorization.k8s.io", string.Empty, name),
            "Role" when ns.Length > 0 => _store.Get("roles.rbac.authorization.k8s.io", ns, name),
            _ => null,
        };
        return (role?.Object["rules"] as JsonArray ?? []).OfType<JsonObject>();
    }

    private static bool Matches(JsonObject rule, ResourceAttributes request)
    {
        static bool Has(JsonObject rule, string field, string value) =>
            (rule[field] as JsonArray ?? []).Any(v => v?.GetValue<string>() is { } s && (s == "*" || s == value));
        if (!Has(rule, "verbs", request.Verb))
        {
            return false;
        }

        if (request.IsNonResource)
        {
            return (rule["nonResourceURLs"] as JsonArray ?? []).Any(u => u?.GetValue<string>() is { } s && (s == "*" || s == request.Path || (s.EndsWith('*') && request.Path.StartsWith(s[..^1], StringComparison.Ordinal))));
        }

        var resource = request.Subresource.Length == 0 ? request.Resource : request.Resource + "/" + request.Subresource;
        if (!Has(rule, "apiGroups", request.Group) || !(Has(rule, "resources", resource) || Has(rule, "resources", request.Resource + "/*") && request.Subresource.Length > 0))
        {
            return false;
        }

        var names = rule["resourceNames"] as JsonArray;
        return names is null || names.Count == 0 || (request.Name.Length > 0 && names.Any(n => n?.GetValue<string>() == request.Name));
    }
}
