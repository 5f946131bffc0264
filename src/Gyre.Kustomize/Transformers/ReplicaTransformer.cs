using Gyre.Kustomize.Config;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Transformers;

/// <summary>`replicas:`: sets spec.replicas on the workloads with that (current or earlier) name.</summary>
internal static class ReplicaTransformer
{
    public static void Apply(ResourceList resources, string name, string count, List<FieldSpec> specs, string file)
    {
        var found = false;
        foreach (var spec in specs)
        {
            foreach (var resource in resources.Items.Where(r => r.AllIds.Any(id => id.Name == name && spec.Selects(id))))
            {
                found = true;
                FieldPath.Visit(resource.Node, spec.Path, spec.Create, (mapping, key) => mapping.Set(key, YamlNode.Scalar(YamlTags.Int, count)));
            }
        }

        if (!found)
        {
            throw new KustomizeException(file, name, "replicas",
                $"resource with name {name} does not match a config with the following GVK [{string.Join(" ", specs.Select(s => s.Kind))}]");
        }
    }
}
