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
        // Names and namespaces of the referenced objects do not change here, so they are indexed once.
        var byPreviousName = new Dictionary<string, List<Resource>>(StringComparer.Ordinal);
        var currentIds = new Dictionary<Resource, ResId>(ReferenceEqualityComparer.Instance);
        foreach (var resource in resources.Items)
        {
            currentIds[resource] = resource.CurrentId;
            foreach (var name in resource.PreviousIds.Select(id => id.Name).Distinct())
            {
                if (!byPreviousName.TryGetValue(name, out var list))
                {
                    byPreviousName[name] = list = [];
                }

                list.Add(resource);
            }
        }

        var index = new ReferralIndex(byPreviousName, currentIds);
        foreach (var referrer in resources.Items.ToList())
        {
            var scope = new ReferrerScope(referrer, currentIds[referrer]);
            var originalId = referrer.OriginalId;
            foreach (var reference in config.NameReferences)
            {
                foreach (var spec in reference.FieldSpecs.Where(s => s.Selects(originalId)))
                {
                    var filter = new Lookup(scope, reference, spec, index);
                    FieldPath.Visit(referrer.Node, spec.Path, create: false, filter.Update);
                }
            }
        }
    }

    private sealed record ReferralIndex(Dictionary<string, List<Resource>> ByPreviousName, Dictionary<Resource, ResId> CurrentIds);

    /// <summary>What a referrer may point at (resWrangler.SubsetThatCouldBeReferencedByResource).</summary>
    private sealed class ReferrerScope
    {
        private readonly HashSet<string> _bindingNamespaces = new(StringComparer.Ordinal);

        public ReferrerScope(Resource referrer, ResId id)
        {
            Referrer = referrer;
            Id = id;
            if (referrer.Kind == "RoleBinding" && referrer.Node.Get("subjects") is { IsSequence: true } subjects)
            {
                foreach (var subject in subjects.Content.Where(s => s.IsMapping && s.GetString("kind") == "ServiceAccount"))
                {
                    if (subject.GetString("namespace") is { } ns)
                    {
                        _bindingNamespaces.Add(ns);
                    }
                }
            }
        }

        public Resource Referrer { get; }

        public ResId Id { get; }

        public bool CouldReference(Resource candidate, ResId candidateId) =>
            Id.IsClusterScoped || candidateId.IsClusterScoped || candidateId.IsNamespaceEqual(Id) || _bindingNamespaces.Contains(candidateId.Namespace);
    }

    private sealed class Lookup(ReferrerScope scope, NameReference reference, FieldSpec spec, ReferralIndex index)
    {
        private Resource Referrer => scope.Referrer;

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
                        var referral = Select(item.Value, null, compareNamespaces: false);
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
            var referral = Select(value.Value, null, compareNamespaces: false);
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

            var ns = node.Get("namespace") is { } namespaceNode ? Effective(namespaceNode.Value) : null;
            if (ns is not null && !index.CurrentIds.Keys.Any(c => scope.CouldReference(c, index.CurrentIds[c]) && Effective(c.OriginalId.Namespace) == ns))
            {
                return;
            }

            var referral = Select(name.Value, ns, compareNamespaces: true);
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

        private Resource? Select(string oldName, string? originalNamespace, bool compareNamespaces)
        {
            if (!index.ByPreviousName.TryGetValue(oldName, out var named))
            {
                return null;
            }

            var target = new FieldSpec(reference.Group, reference.Version, reference.Kind, string.Empty, false);
            var list = named.Where(r => scope.CouldReference(r, index.CurrentIds[r]) && r.PreviousIds.Any(target.Selects)
                && (originalNamespace is null || Effective(r.OriginalId.Namespace) == originalNamespace)).ToList();
            if (spec.Path.EndsWith("roleRef/name", StringComparison.Ordinal) && Referrer.Node.GetString("roleRef", "kind") is { } roleKind)
            {
                list = list.Where(r => r.PreviousIds.Any(id => id.Kind == roleKind)).ToList();
            }

            var referrerId = scope.Id;
            if (!referrerId.IsClusterScoped)
            {
                list = list.Where(r => r.CurrentId.IsClusterScoped || r.Kind == "ServiceAccount" || referrerId.IsNamespaceEqual(r.CurrentId)).ToList();
            }

            if (list.Count == 1)
            {
                return list[0];
            }

            list = list.Where(r => AffixesEqual(r, Referrer, allowEmpty: true)).ToList();
            if (list.Count > 1)
            {
                list = list.Where(r => AffixesEqual(r, Referrer, allowEmpty: false)).ToList();
            }

            if (list.Count <= 1)
            {
                return list.FirstOrDefault();
            }

            if (list.All(r => r.Name == list[0].Name && (!compareNamespaces || r.Namespace == list[0].Namespace)))
            {
                return list[0];
            }

            throw new KustomizeException(Referrer.Source, Referrer.CurrentId.Display, spec.Path,
                $"found multiple possible referrals: {string.Join(", ", list.Select(r => r.CurrentId.ToString()))}; give the referenced objects distinct names");
        }

        private static string Effective(string ns) => ns.Length == 0 ? "default" : ns;

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
