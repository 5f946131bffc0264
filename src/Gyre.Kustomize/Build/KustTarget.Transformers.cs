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
        var k = _kustomization;
        var strategicMerge = k.Strings("patchesStrategicMerge");
        PatchTransformer.ApplyStrategicMergeEntries(resources, strategicMerge, _loader);
        Record(resources, strategicMerge.Count > 0, "PatchStrategicMergeTransformer");
        foreach (var patch in k.Objects("patches"))
        {
            PatchTransformer.ApplyPatch(resources, patch, _loader, "patches");
            Record(resources, true, "PatchTransformer");
        }

        if (k.GetString("namespace") is { Length: > 0 } ns)
        {
            NamespaceTransformer.Apply(resources, ns, config);
            Record(resources, true, "NamespaceTransformer");
        }

        if (k.GetString("namePrefix") is { Length: > 0 } prefix)
        {
            NameAffixTransformer.Apply(resources, prefix, isPrefix: true, config.NamePrefix);
            Record(resources, true, "PrefixTransformer");
        }

        if (k.GetString("nameSuffix") is { Length: > 0 } suffix)
        {
            NameAffixTransformer.Apply(resources, suffix, isPrefix: false, config.NameSuffix);
            Record(resources, true, "SuffixTransformer");
        }

        ApplyLabels(resources, config);
        var annotations = k.StringMap("commonAnnotations");
        MapFieldTransformer.Apply(resources, annotations, config.CommonAnnotations);
        Record(resources, annotations.Count > 0, "AnnotationsTransformer");
        foreach (var patch in k.Objects("patchesJson6902"))
        {
            PatchTransformer.ApplyPatch(resources, patch, _loader, "patchesJson6902");
            Record(resources, true, "PatchJson6902Transformer");
        }

        foreach (var replica in k.Objects("replicas"))
        {
            var name = replica.GetString("name") ?? string.Empty;
            var count = replica.Get("count")?.Value ?? "0";
            ReplicaTransformer.Apply(resources, name, count, config.Replicas, k.File);
            Record(resources, true, "ReplicaCountTransformer");
        }

        foreach (var image in k.Objects("images").Concat(k.Objects("imageTags")))
        {
            ImageTransformer.Apply(resources, ParseImage(image), config.Images);
            Record(resources, true, "ImageTagTransformer");
        }

        var replacements = k.Objects("replacements");
        foreach (var replacement in replacements)
        {
            ReplacementTransformer.Apply(resources, LoadReplacement(replacement), k.File);
        }

        Record(resources, replacements.Count > 0, "ReplacementTransformer");
    }

    /// <summary>
    /// Records a transformer run on every object accumulated so far, as kustomize's multi-transformer does when
    /// buildMetadata asks for transformerAnnotations; configured marks whether kustomize would configure it at all.
    /// </summary>
    private void Record(ResourceList resources, bool configured, string kind, string? file = null, string? name = null)
    {
        if (!configured || !_session.RecordTransformations)
        {
            return;
        }

        var transformation = new Resources.Transformation(file ?? _kustomization.File, kind, name);
        foreach (var resource in resources.Items)
        {
            resource.Transformations.Add(transformation);
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
            Record(resources, true, "LabelTransformer");
        }

        // As kustomize: the commonLabels transformer is configured whenever labels or commonLabels are.
        var commonLabels = _kustomization.StringMap("commonLabels");
        MapFieldTransformer.Apply(resources, commonLabels, config.CommonLabels);
        Record(resources, commonLabels.Count > 0 || _kustomization.Objects("labels").Count > 0, "LabelTransformer");
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
