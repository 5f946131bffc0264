using Gyre.Kustomize.Config;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Transformers;

/// <summary>Labels and annotations: sets string pairs in every map the field specs reach (kustomize's labels/annotations filters).</summary>
internal static class MapFieldTransformer
{
    public static void Apply(ResourceList resources, IReadOnlyList<KeyValuePair<string, string>> pairs, IEnumerable<FieldSpec> specs)
    {
        if (pairs.Count == 0)
        {
            return;
        }

        var specList = specs.ToList();
        foreach (var resource in resources.Items)
        {
            var id = resource.CurrentId;
            foreach (var spec in specList.Where(s => s.Selects(id)))
            {
                FieldPath.Visit(resource.Node, spec.Path, spec.Create, (mapping, key) =>
                {
                    var target = mapping.Get(key);
                    if (target is null || target.IsNull)
                    {
                        target = YamlNode.Mapping();
                        mapping.Set(key, target);
                    }

                    if (!target.IsMapping)
                    {
                        throw new KustomizeException(resource.Source, id.Display, spec.Path, "expected a map to add labels or annotations to");
                    }

                    foreach (var (name, value) in pairs)
                    {
                        target.Set(name, YamlNode.String(value));
                    }
                });
            }
        }
    }
}
