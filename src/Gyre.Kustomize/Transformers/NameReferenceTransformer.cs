using Gyre.Kustomize.Config;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Transformers;

/// <summary>
/// Fixes references to renamed objects (kustomize's nameref filter, run once at the end of a build): a field that
/// names a ConfigMap, Secret, ServiceAccount... is set to the current name of the object that used to have that
/// name, choosing among candidates by kind, namespace, roleRef kind and applied prefixes/suffixes.
/// </summary>
internal static class NameReferenceTransformer
{
    public static void Apply(ResourceList resources, TransformerConfig config)
    {
        foreach (var referrer in resources.Items.ToList())
        {
            var candidates = CouldBeReferencedBy(resources, referrer);
            foreach (var reference in config.NameReferences)
            {
                foreach (var spec in reference.FieldSpecs.Where(s => s.Selects(referrer.OriginalId)))
                {
                    var filter = new Lookup(referrer, reference, spec, candidates);
                    FieldPath.Visit(referrer.Node, spec.Path, create: false, filter.Update);
                }
            }
        }
    }

    /// <summary>resWrangler.SubsetThatCouldBeReferencedByResource.</summary>
    private static List<Resource> CouldBeReferencedBy(ResourceList resources, Resource referrer)
    {
        var referrerId = referrer.CurrentId;
        if (referrerId.IsClusterScoped)
        {
            return resources.Items.ToList();
        }

        var bindingNamespaces = new HashSet<string>(StringComparer.Ordinal);
        if (referrer.Kind == "RoleBinding" && referrer.Node.Get("subjects") is { IsSequence: true } subjects)
        {
            foreach (var subject in subjects.Content.Where(s => s.IsMapping && s.GetString("kind") == "ServiceAccount"))
            {
                if (subject.GetString("namespace") is { } ns)
                {
                    bindingNamespaces.Add(ns);
                }
            }
        }

        return resources.Items.Where(r =>
        {
            var id = r.CurrentId;
            return id.IsClusterScoped || id.IsNamespaceEqual(referrerId) || bindingNamespaces.Contains(r.Namespace);
        }).ToList();
    }

    private sealed class Lookup(Resource referrer, NameReference reference, FieldSpec spec, List<Resource> candidates)
    {
        public void Update(YamlNode mapping, string key)
        {
            var value = mapping.Get(key);
            if (value is null || value.IsNull)
            {
                return;
            }

            if (value.IsScalar)
            {
                SetScalar(mapping, key, value);
            }
            else if (value.IsMapping)
            {
                SetMapping(value);
            }
            else
            {
                for (var i = 0; i < value.Content.Count; i++)
                {
                    var item = value.Content[i];
                    if (item.IsScalar)
                    {
                        var referral = Select(item.Value, candidates, compareNamespaces: false);
                        if (referral is not null)
                        {
                            value.Content[i] = YamlNode.String(referral.Name);
                        }
                    }
                    else if (item.IsMapping)
                    {
                        SetMapping(item);
                    }
                }
            }
        }

        private void SetScalar(YamlNode mapping, string key, YamlNode value)
        {
            var referral = Select(value.Value, candidates, compareNamespaces: false);
            if (referral is not null && referral.Name != value.Value)
            {
                mapping.Set(key, YamlNode.String(referral.Name));
            }
        }

        private void SetMapping(YamlNode node)
        {
            var name = node.Get("name");
            if (name is null)
            {
                return;
            }

            var subset = candidates;
            if (node.Get("namespace") is { } namespaceNode)
            {
                subset = candidates.Where(c => c.OriginalId.Namespace == namespaceNode.Value).ToList();
                if (subset.Count == 0)
                {
                    return;
                }
            }

            var referral = Select(name.Value, subset, compareNamespaces: true);
            if (referral is null || (referral.Name == name.Value && referral.Namespace.Length == 0))
            {
                return;
            }

            node.Set("name", YamlNode.String(referral.Name));
            if (referral.Namespace.Length > 0)
            {
                node.Set("namespace", YamlNode.String(referral.Namespace));
            }
        }

        private Resource? Select(string oldName, List<Resource> pool, bool compareNamespaces)
        {
            var target = new FieldSpec(reference.Group, reference.Version, reference.Kind, string.Empty, false);
            var list = pool.Where(r => r.PreviousIds.Any(id => id.Name == oldName) && r.PreviousIds.Any(target.Selects)).ToList();
            if (spec.Path.EndsWith("roleRef/name", StringComparison.Ordinal) && referrer.Node.GetString("roleRef", "kind") is { } roleKind)
            {
                list = list.Where(r => r.PreviousIds.Any(id => id.Kind == roleKind)).ToList();
            }

            var referrerId = referrer.CurrentId;
            if (!referrerId.IsClusterScoped)
            {
                list = list.Where(r => r.CurrentId.IsClusterScoped || r.Kind == "ServiceAccount" || referrerId.IsNamespaceEqual(r.CurrentId)).ToList();
            }

            if (list.Count == 1)
            {
                return list[0];
            }

            list = list.Where(r => AffixesEqual(r, referrer, allowEmpty: true)).ToList();
            if (list.Count > 1)
            {
                list = list.Where(r => AffixesEqual(r, referrer, allowEmpty: false)).ToList();
            }

            if (list.Count <= 1)
            {
                return list.FirstOrDefault();
            }

            if (list.All(r => r.Name == list[0].Name && (!compareNamespaces || r.Namespace == list[0].Namespace)))
            {
                return list[0];
            }

            throw new KustomizeException(referrer.Source, referrer.CurrentId.Display, spec.Path,
                $"found multiple possible referrals: {string.Join(", ", list.Select(r => r.CurrentId.ToString()))}; give the referenced objects distinct names");
        }

        private static bool AffixesEqual(Resource a, Resource b, bool allowEmpty)
        {
            if (allowEmpty)
            {
                return (a.Prefixes.Count == 0 || b.Prefixes.Count == 0 || SameEnding(a.Prefixes, b.Prefixes))
                    && (a.Suffixes.Count == 0 || b.Suffixes.Count == 0 || SameEnding(a.Suffixes, b.Suffixes));
            }

            return SameEnding(a.Prefixes, b.Prefixes) && SameEnding(a.Suffixes, b.Suffixes);
        }

        private static bool SameEnding(List<string> x, List<string> y)
        {
            var (shortest, longest) = x.Count <= y.Count ? (x, y) : (y, x);
            var diff = longest.Count - shortest.Count;
            if (shortest.Count == 0)
            {
                return diff == 0;
            }

            for (var i = shortest.Count - 1; i >= 0; i--)
            {
                if (longest[i + diff] != shortest[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
