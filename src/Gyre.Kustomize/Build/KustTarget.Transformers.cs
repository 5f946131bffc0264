using Gyre.Kustomize.Config;
using Gyre.Kustomize.Patches;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Transformers;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Build;

/// <summary>The built-in transformers in kustomize's order (target/kusttarget_configplugin.go).</summary>
internal sealed partial class KustTarget
{
    private void RunTransformers(ResourceList resources, TransformerConfig config)
    {
        PatchTransformer.ApplyStrategicMergeEntries(resources, _kustomization.Strings("patchesStrategicMerge"), _loader);
        foreach (var patch in _kustomization.Objects("patches"))
        {
            PatchTransformer.ApplyPatch(resources, patch, _loader, "patches");
        }

        if (_kustomization.GetString("namespace") is { Length: > 0 } ns)
        {
            NamespaceTransformer.Apply(resources, ns, config);
        }

        if (_kustomization.GetString("namePrefix") is { Length: > 0 } prefix)
        {
            NameAffixTransformer.Apply(resources, prefix, isPrefix: true, config.NamePrefix);
        }

        if (_kustomization.GetString("nameSuffix") is { Length: > 0 } suffix)
        {
            NameAffixTransformer.Apply(resources, suffix, isPrefix: false, config.NameSuffix);
        }

        ApplyLabels(resources, config);
        MapFieldTransformer.Apply(resources, _kustomization.StringMap("commonAnnotations"), config.CommonAnnotations);
        foreach (var patch in _kustomization.Objects("patchesJson6902"))
        {
            PatchTransformer.ApplyPatch(resources, patch, _loader, "patchesJson6902");
        }

        foreach (var replica in _kustomization.Objects("replicas"))
        {
            var name = replica.GetString("name") ?? string.Empty;
            var count = replica.Get("count")?.Value ?? "0";
            ReplicaTransformer.Apply(resources, name, count, config.Replicas, _kustomization.File);
        }

        foreach (var image in _kustomization.Objects("images").Concat(_kustomization.Objects("imageTags")))
        {
            ImageTransformer.Apply(resources, ParseImage(image), config.Images);
        }

        foreach (var replacement in _kustomization.Objects("replacements"))
        {
            ReplacementTransformer.Apply(resources, LoadReplacement(replacement), _kustomization.File);
        }
    }

    private void ApplyLabels(ResourceList resources, TransformerConfig config)
    {
        var metadataLabels = new FieldSpec(string.Empty, string.Empty, string.Empty, "metadata/labels", true);
        foreach (var label in _kustomization.Objects("labels"))
        {
            var pairs = _kustomization.StringMap(label.Get("pairs"), "labels");
            var specs = ParseFieldSpecs(label.Get("fields"));
            if (label.GetString("includeSelectors") == "true")
            {
                specs.AddRange(config.CommonLabels.Where(s => !specs.Contains(s)));
            }
            else
            {
                if (!specs.Contains(metadataLabels))
                {
                    specs.Add(metadataLabels);
                }

                if (label.GetString("includeTemplates") == "true")
                {
                    specs.AddRange(config.TemplateLabels.Where(s => !specs.Contains(s)));
                }
            }

            MapFieldTransformer.Apply(resources, pairs, specs);
        }

        MapFieldTransformer.Apply(resources, _kustomization.StringMap("commonLabels"), config.CommonLabels);
    }

    private static List<FieldSpec> ParseFieldSpecs(YamlNode? node) =>
        node is { IsSequence: true }
            ? node.Content.Select(s => new FieldSpec(s.GetString("group") ?? string.Empty, s.GetString("version") ?? string.Empty,
                s.GetString("kind") ?? string.Empty, s.GetString("path") ?? string.Empty, s.GetString("create") == "true")).ToList()
            : [];

    private ImageSpec ParseImage(YamlNode image)
    {
        var name = image.GetString("name") ?? throw new KustomizeException(_kustomization.File, null, "images", "an image entry needs a name");
        var newTag = image.GetString("newTag");
        var digest = image.GetString("digest");
        if (newTag is not null && newTag.Contains('@', StringComparison.Ordinal))
        {
            // As kustomize: newTag "v1@sha256:..." sets both the tag and the digest.
            var at = newTag.IndexOf('@', StringComparison.Ordinal);
            (newTag, digest) = (newTag[..at], newTag[(at + 1)..]);
        }

        return new ImageSpec(name, image.GetString("newName"), newTag, digest);
    }

    private YamlNode LoadReplacement(YamlNode entry)
    {
        if (entry.GetString("path") is { } path)
        {
            var text = _loader.ReadFile(path, "replacements");
            return YamlReader.ReadDocuments(text).FirstOrDefault()
                ?? throw new KustomizeException(_kustomization.File, path, "replacements", "the replacement file is empty");
        }

        return entry;
    }
}
