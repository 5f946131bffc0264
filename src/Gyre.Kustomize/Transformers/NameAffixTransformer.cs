using Gyre.Kustomize.Config;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Transformers;

/// <summary>
/// `namePrefix:` and `nameSuffix:`. kustomize never renames CustomResourceDefinitions, APIServices or Namespaces; the
/// affix is recorded so name references can tell apart several copies of one base.
/// </summary>
internal static class NameAffixTransformer
{
    public static void Apply(ResourceList resources, string affix, bool isPrefix, List<FieldSpec> specs)
    {
        foreach (var resource in resources.Items)
        {
            var original = resource.OriginalId;
            if (original.Kind is "CustomResourceDefinition" or "Namespace"
                || (original.Kind == "APIService" && original.Group == "apiregistration.k8s.io"))
            {
                continue;
            }

            foreach (var spec in specs.Where(s => s.Selects(original)))
            {
                FieldPath.Visit(resource.Node, spec.Path, spec.Create, (mapping, key) =>
                {
                    var current = mapping.GetString(key) ?? string.Empty;
                    var renamed = isPrefix ? affix + current : current + affix;
                    if (spec.Path == "metadata/name")
                    {
                        resource.SetName(renamed);
                        (isPrefix ? resource.Prefixes : resource.Suffixes).Add(affix);
                        return;
                    }

                    mapping.Set(key, YamlNode.String(renamed));
                });
            }
        }
    }
}
