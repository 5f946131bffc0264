using Gyre.Kustomize.Config;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Transformers;

/// <summary>
/// `namespace:`. As kustomize does: every namespaced object gets metadata.namespace (cluster-scoped kinds are left
/// alone), Namespace objects are renamed, RoleBinding/ClusterRoleBinding subjects named "default" get the namespace,
/// and the configured service-reference fields (APIService, CRD conversion webhook) follow.
/// </summary>
internal static class NamespaceTransformer
{
    public static void Apply(ResourceList resources, string ns, TransformerConfig config)
    {
        foreach (var resource in resources.Items)
        {
            var id = resource.CurrentId;
            if (!id.IsClusterScoped)
            {
                resource.SetNamespace(ns);
            }

            if (id.Kind is "RoleBinding" or "ClusterRoleBinding" && resource.Node.Get("subjects") is { IsSequence: true } subjects)
            {
                foreach (var subject in subjects.Content.Where(s => s.IsMapping && s.GetString("name") == "default"))
                {
                    subject.Set("namespace", YamlNode.String(ns));
                }
            }

            foreach (var spec in config.Namespace.Where(s => s.Selects(id)))
            {
                FieldPath.Visit(resource.Node, spec.Path, spec.Create, (mapping, key) =>
                {
                    if (spec.Path == "metadata/name")
                    {
                        resource.SetName(ns);
                        return;
                    }

                    mapping.Set(key, YamlNode.String(ns));
                });
            }
        }
    }

    /// <summary>
    /// The NamespaceTransformer plugin configuration: only the given field specs (metadata/namespace skipped on
    /// cluster-scoped kinds), optionally only where unset, and RoleBinding subjects per setRoleBindingSubjects
    /// (defaultOnly, allServiceAccounts or none).
    /// </summary>
    public static void ApplyPlugin(ResourceList resources, string ns, List<FieldSpec> specs, bool unsetOnly, string subjectsMode)
    {
        foreach (var resource in resources.Items)
        {
            var id = resource.CurrentId;
            if (id.Kind is "RoleBinding" or "ClusterRoleBinding" && resource.Node.Get("subjects") is { IsSequence: true } subjects)
            {
                foreach (var subject in subjects.Content.Where(s => s.IsMapping && SubjectGetsNamespace(s, subjectsMode)))
                {
                    if (!unsetOnly || string.IsNullOrEmpty(subject.GetString("namespace")))
                    {
                        subject.Set("namespace", YamlNode.String(ns));
                    }
                }
            }

            foreach (var spec in specs.Where(s => s.Selects(id) && !(s.Path == "metadata/namespace" && id.IsClusterScoped)))
            {
                FieldPath.Visit(resource.Node, spec.Path, spec.Create, (mapping, key) =>
                {
                    if (unsetOnly && !string.IsNullOrEmpty(mapping.GetString(key)))
                    {
                        return;
                    }

                    switch (spec.Path)
                    {
                        case "metadata/name":
                            resource.SetName(ns);
                            break;
                        case "metadata/namespace":
                            resource.SetNamespace(ns);
                            break;
                        default:
                            mapping.Set(key, YamlNode.String(ns));
                            break;
                    }
                });
            }
        }
    }

    private static bool SubjectGetsNamespace(YamlNode subject, string mode) => mode switch
    {
        "allServiceAccounts" => subject.GetString("kind") == "ServiceAccount",
        "none" => false,
        _ => subject.GetString("name") == "default",
    };
}
