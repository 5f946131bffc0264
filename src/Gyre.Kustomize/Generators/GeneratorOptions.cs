using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Generators;

/// <summary>generatorOptions merged into one generator's options; the generator's own labels and annotations win.</summary>
internal sealed class GeneratorOptions
{
    public List<KeyValuePair<string, string>> Labels { get; } = [];

    public List<KeyValuePair<string, string>> Annotations { get; } = [];

    public bool DisableNameSuffixHash { get; private set; }

    public bool Immutable { get; private set; }

    public static GeneratorOptions Merge(YamlNode? local, YamlNode? global, string file)
    {
        var options = new GeneratorOptions();
        foreach (var source in new[] { global, local })
        {
            if (source is not { IsMapping: true })
            {
                continue;
            }

            Override(options.Labels, source.Get("labels"), file, "options.labels");
            Override(options.Annotations, source.Get("annotations"), file, "options.annotations");
            options.DisableNameSuffixHash |= source.GetString("disableNameSuffixHash") == "true";
            options.Immutable |= source.GetString("immutable") == "true";
        }

        return options;
    }

    private static void Override(List<KeyValuePair<string, string>> target, YamlNode? map, string file, string field)
    {
        if (map is not { IsMapping: true })
        {
            return;
        }

        foreach (var (key, value) in map.Pairs())
        {
            target.RemoveAll(p => p.Key == key);
            target.Add(new(key, Build.Kustomization.RequireString(value, file, field + "." + key)));
        }
    }

    public void ApplyTo(YamlNode node)
    {
        var metadata = node.GetOrCreateMapping("metadata");
        if (Labels.Count > 0)
        {
            var labels = metadata.GetOrCreateMapping("labels");
            Labels.ForEach(l => labels.Set(l.Key, YamlNode.String(l.Value)));
        }

        if (Annotations.Count > 0)
        {
            var annotations = metadata.GetOrCreateMapping("annotations");
            Annotations.ForEach(a => annotations.Set(a.Key, YamlNode.String(a.Value)));
        }

        if (Immutable)
        {
            node.Set("immutable", YamlNode.Scalar(YamlTags.Bool, "true"));
        }
    }
}
