using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Security;

/// <summary>
/// The default ClusterRoles and ClusterRoleBindings kube-apiserver creates at start-up (bootstrappolicy): the
/// user-facing cluster-admin, admin, edit and view (the last three aggregated from the
/// <c>rbac.authorization.k8s.io/aggregate-to-*</c> roles), and the system:basic-user, system:discovery and
/// system:public-info-viewer roles every authenticated (or anonymous) caller is bound to.
/// </summary>
internal static class BootstrapPolicy
{
    public const string AutoUpdateAnnotation = "rbac.authorization.kubernetes.io/autoupdate";
    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "delete", "deletecollection", "patch", "update"];
    private static readonly string[] ReadWrite = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static IEnumerable<JsonObject> ClusterRoles()
    {
        yield return Role("cluster-admin", null, null, Rule(["*"], ["*"], ["*"]), NonResource(["*"], ["*"]));
        yield return Role("admin", null, "admin");
        yield return Role("edit", "admin", "edit");
        yield return Role("view", "edit", "view");
        yield return Role("system:aggregate-to-admin", "admin", null,
            Rule(["authorization.k8s.io"], ["localsubjectaccessreviews"], ["create"]),
            Rule(["rbac.authorization.k8s.io"], ["rolebindings", "roles"], ReadWrite));
        yield return Role("system:aggregate-to-edit", "edit", null,
            Rule([""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"], Read),
            Rule([""], ["serviceaccounts"], ["impersonate"]),
            Rule([""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"], Write),
            Rule([""], ["pods/eviction"], ["create"]),
            Rule([""], ["configmaps", "events", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"], Write),
            Rule([""], ["serviceaccounts/token"], ["create"]),
            Rule(["apps"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"], Write),
            Rule(["autoscaling"], ["horizontalpodautoscalers"], Write),
            Rule(["batch"], ["cronjobs", "jobs"], Write),
            Rule(["extensions"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "ingresses", "networkpolicies", "replicasets", "replicasets/scale", "replicationcontrollers/scale"], Write),
            Rule(["policy"], ["poddisruptionbudgets"], Write),
            Rule(["networking.k8s.io"], ["ingresses", "networkpolicies"], Write),
            Rule(["coordination.k8s.io"], ["leases"], ReadWrite));
        yield return Role("system:aggregate-to-view", "view", null,
            Rule([""], ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"], Read),
            Rule([""], ["bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status", "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"], Read),
            Rule([""], ["namespaces"], Read),
            Rule(["discovery.k8s.io"], ["endpointslices"], Read),
            Rule(["apps"], ["controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status"], Read),
            Rule(["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"], Read),
            Rule(["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"], Read),
            Rule(["extensions"], ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale"], Read),
            Rule(["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"], Read),
            Rule(["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"], Read));
        yield return Role("system:basic-user", null, null,
            Rule(["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], ["create"]),
            Rule(["authentication.k8s.io"], ["selfsubjectreviews"], ["create"]));
        yield return Role("system:discovery", null, null,
            NonResource(["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"], ["get"]));
        yield return Role("system:public-info-viewer", null, null,
            NonResource(["/healthz", "/livez", "/readyz", "/version", "/version/"], ["get"]));
    }

    public static IEnumerable<JsonObject> ClusterRoleBindings()
    {
        yield return Binding("cluster-admin", UserInfo.MastersGroup);
        yield return Binding("system:basic-user", "system:authenticated");
        yield return Binding("system:discovery", "system:authenticated");
        yield return Binding("system:public-info-viewer", "system:authenticated", "system:unauthenticated");
    }

    private static JsonObject Role(string name, string? aggregateTo, string? aggregateFrom, params JsonObject[] rules)
    {
        var role = new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRole",
            ["metadata"] = Metadata(name),
        };
        if (aggregateTo is not null)
        {
            role["metadata"]!["labels"]![$"rbac.authorization.k8s.io/aggregate-to-{aggregateTo}"] = "true";
        }

        if (aggregateFrom is not null)
        {
            role["aggregationRule"] = new JsonObject
            {
                ["clusterRoleSelectors"] = new JsonArray(new JsonObject
                {
                    ["matchLabels"] = new JsonObject { [$"rbac.authorization.k8s.io/aggregate-to-{aggregateFrom}"] = "true" },
                }),
            };
        }

        role["rules"] = new JsonArray([.. rules]);
        return role;
    }

    private static JsonObject Binding(string role, params string[] groups) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "ClusterRoleBinding",
        ["metadata"] = Metadata(role),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = role },
        ["subjects"] = new JsonArray([.. groups.Select(g => (JsonNode)new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = g })]),
    };

    private static JsonObject Metadata(string name) => new()
    {
        ["name"] = name,
        ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" },
        ["annotations"] = new JsonObject { [AutoUpdateAnnotation] = "true" },
    };

    private static JsonObject Rule(string[] groups, string[] resources, string[] verbs) => new()
    {
        ["apiGroups"] = Strings(groups),
        ["resources"] = Strings(resources),
        ["verbs"] = Strings(verbs),
    };

    private static JsonObject NonResource(string[] urls, string[] verbs) => new() { ["nonResourceURLs"] = Strings(urls), ["verbs"] = Strings(verbs) };

    private static JsonArray Strings(string[] values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
}
