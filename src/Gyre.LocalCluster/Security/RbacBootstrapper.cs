using System.Text.Json.Nodes;
using Gyre.LocalCluster.Objects;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Security;

/// <summary>
/// Creates the default RBAC objects (<see cref="BootstrapPolicy"/>) that are missing, as kube-apiserver's
/// rbac/bootstrap-roles post-start hook does, and runs the ClusterRole aggregation controller: a ClusterRole with an
/// aggregationRule gets the rules of every ClusterRole its selectors match (by name order, duplicates dropped).
/// </summary>
internal sealed class RbacBootstrapper(ClusterState state)
{
    public const string ClusterRoles = "clusterroles.rbac.authorization.k8s.io";
    public const string ClusterRoleBindings = "clusterrolebindings.rbac.authorization.k8s.io";

    /// <summary>
    /// Stores the default roles and bindings that do not exist, and adds missing rules, selectors and subjects to those
    /// still annotated <c>rbac.authorization.kubernetes.io/autoupdate: "true"</c> (others are left as the user made them).
    /// </summary>
    public void EnsureDefaults()
    {
        var created = state.Store.Write(tx =>
        {
            var count = 0;
            foreach (var (key, obj) in BootstrapPolicy.ClusterRoles().Select(o => (ClusterRoles, o))
                .Concat(BootstrapPolicy.ClusterRoleBindings().Select(o => (ClusterRoleBindings, o))))
            {
                var name = obj["metadata"]!["name"]!.GetValue<string>();
                if (tx.Get(key, string.Empty, name) is { } existing)
                {
                    // As kube-apiserver reconciles them: a default object still marked autoupdate gets back what is missing.
                    if (Reconciled(existing.Object, obj) is { } updated)
                    {
                        tx.Put(key, string.Empty, name, updated, created: false);
                        count++;
                    }

                    continue;
                }

                obj["metadata"]!["uid"] = Guid.NewGuid().ToString();
                obj["metadata"]!["creationTimestamp"] = state.Lifecycle.Now;
                tx.Put(key, string.Empty, name, obj, created: true);
                count++;
            }

            return count;
        });
        if (created > 0)
        {
            state.NotifyChanged();
        }

        // Aggregated roles can select aggregated roles (admin selects edit, edit selects view): settle them now.
        for (var pass = 0; pass < 5 && Aggregate(); pass++)
        {
        }
    }

    private static JsonObject? Reconciled(JsonObject existing, JsonObject defaults)
    {
        if ((string?)existing["metadata"]?["annotations"]?[BootstrapPolicy.AutoUpdateAnnotation] != "true")
        {
            return null;
        }

        var updated = existing.DeepClone().AsObject();
        var changed = false;
        foreach (var path in new[] { "rules", "subjects" })
        {
            if (defaults[path] is JsonArray wanted && wanted.Count > 0 && !(defaults["aggregationRule"] is not null && path == "rules"))
            {
                changed |= AddMissing(updated, path, wanted);
            }
        }

        if (defaults["aggregationRule"]?["clusterRoleSelectors"] is JsonArray selectors)
        {
            updated["aggregationRule"] ??= new JsonObject();
            changed |= AddMissing(updated["aggregationRule"]!.AsObject(), "clusterRoleSelectors", selectors);
        }

        return changed ? updated : null;
    }

    private static bool AddMissing(JsonObject target, string field, JsonArray wanted)
    {
        var have = target[field] as JsonArray ?? [];
        var missing = wanted.Where(w => !have.Any(h => JsonNode.DeepEquals(h, w))).Select(w => w!.DeepClone()).ToList();
        if (missing.Count == 0)
        {
            return false;
        }

        target[field] = new JsonArray([.. have.Select(h => h?.DeepClone()), .. missing]);
        return true;
    }

    /// <summary>Fills the rules of aggregated ClusterRoles; true when one changed. Writes only when something differs.</summary>
    public bool Aggregate()
    {
        var roles = state.Store.List(ClusterRoles, null).Items.OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var updates = new List<(StoredObject Role, JsonArray Rules)>();
        foreach (var role in roles)
        {
            if (role.Object["aggregationRule"]?["clusterRoleSelectors"] is not JsonArray selectors)
            {
                continue;
            }

            var matchers = selectors.OfType<JsonObject>().Select(LabelSelector.FromObject).ToList();
            var rules = new JsonArray();
            foreach (var source in roles.Where(r => r.Name != role.Name && matchers.Any(m => m.Matches(r.Object["metadata"]?["labels"] as JsonObject))))
            {
                foreach (var rule in (source.Object["rules"] as JsonArray ?? []).OfType<JsonObject>().Where(rule => !rules.Any(r => JsonNode.DeepEquals(r, rule))))
                {
                    rules.Add(rule.DeepClone());
                }
            }

            if (!JsonNode.DeepEquals(rules, role.Object["rules"] as JsonArray ?? []))
            {
                updates.Add((role, rules));
            }
        }

        if (updates.Count == 0)
        {
            return false;
        }

        state.Store.Write(tx =>
        {
            foreach (var (role, rules) in updates)
            {
                // Only over the version the rules were computed from; a concurrent change is picked up by the next pass.
                if (tx.Get(ClusterRoles, string.Empty, role.Name) is { } current && current.ResourceVersion == role.ResourceVersion)
                {
                    var obj = current.Object.DeepClone().AsObject();
                    obj["rules"] = rules;
                    tx.Put(ClusterRoles, string.Empty, role.Name, obj, created: false);
                }
            }

            return 0;
        });
        state.NotifyChanged();
        return true;
    }
}
