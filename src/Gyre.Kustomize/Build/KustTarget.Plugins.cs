using Gyre.Kustomize.Config;
using Gyre.Kustomize.FileSystem;
using Gyre.Kustomize.Patches;
using Gyre.Kustomize.Resources;
using Gyre.Kustomize.Transformers;
using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Build;

/// <summary>
/// `generators:` and `transformers:` holding configurations of kustomize's built-in plugins (apiVersion builtin),
/// given as files, inline YAML or kustomization directories whose output is the configurations. They run after the
/// kustomization's own generators and transformers, in order, as kustomize's configureExternal* does. External
/// (exec or container) plugins are refused, as kubectl kustomize refuses them.
/// </summary>
internal sealed partial class KustTarget
{
    private void RunPluginGenerators(ResourceList resources)
    {
        foreach (var (config, where) in PluginConfigs("generators"))
        {
            var kind = config.GetString("kind") ?? string.Empty;
            var isSecret = kind == "SecretGenerator";
            if (kind is not ("ConfigMapGenerator" or "SecretGenerator"))
            {
                throw UnsupportedPlugin(config, where, "generators");
            }

            // A plugin config carries the name and namespace in its metadata; the rest reads like a generator entry.
            var args = config.Clone();
            args.Set("name", YamlNode.String(config.GetString("metadata", "name") ?? string.Empty));
            if (config.GetString("metadata", "namespace") is { Length: > 0 } ns)
            {
                args.Set("namespace", YamlNode.String(ns));
            }

            var generated = Generators.ConfigDataGenerator.Generate(args, isSecret, null, _loader, _kustomization);
            GeneratedResourceMerger.Absorb(resources, generated, _kustomization.File, "generators");
        }
    }

    private void RunPluginTransformers(ResourceList resources)
    {
        foreach (var (config, where) in PluginConfigs("transformers"))
        {
            var specs = ParseFieldSpecs(config.Get("fieldSpecs"));
            switch (config.GetString("kind"))
            {
                case "LabelTransformer":
                    MapFieldTransformer.Apply(resources, _kustomization.StringMap(config.Get("labels"), "transformers"), specs);
                    break;
                case "AnnotationsTransformer":
                    MapFieldTransformer.Apply(resources, _kustomization.StringMap(config.Get("annotations"), "transformers"), specs);
                    break;
                case "PrefixSuffixTransformer" or "PrefixTransformer" or "SuffixTransformer":
                    ApplyAffixes(resources, config, specs);
                    break;
                case "NamespaceTransformer":
                    NamespaceTransformer.ApplyPlugin(resources, config.GetString("metadata", "namespace") ?? string.Empty, specs,
                        config.GetString("unsetOnly") == "true", config.GetString("setRoleBindingSubjects") ?? "defaultOnly");
                    break;
                case "ImageTagTransformer":
                    ImageTransformer.Apply(resources, ParseImage(config.Get("imageTag") ?? YamlNode.Mapping()), specs);
                    break;
                case "ReplicaCountTransformer":
                    var replica = config.Get("replica") ?? YamlNode.Mapping();
                    ReplicaTransformer.Apply(resources, replica.GetString("name") ?? string.Empty, replica.Get("count")?.Value ?? "0", specs, where);
                    break;
                case "PatchTransformer":
                    PatchTransformer.ApplyPatch(resources, config, _loader, "transformers");
                    break;
                case "PatchJson6902Transformer":
                    var entry = YamlNode.Mapping();
                    entry.Set("target", config.Get("target") ?? YamlNode.Mapping());
                    entry.Set(config.Get("path") is not null ? "path" : "patch", config.Get("path") ?? config.Get("jsonOp") ?? YamlNode.String(string.Empty));
                    PatchTransformer.ApplyPatch(resources, entry, _loader, "transformers");
                    break;
                case "PatchStrategicMergeTransformer":
                    var patches = config.Get("paths") is { IsSequence: true } paths ? paths.Content.Select(p => p.Value).ToList() : [];
                    if (config.GetString("patches") is { Length: > 0 } inline)
                    {
                        patches.Add(inline);
                    }

                    PatchTransformer.ApplyStrategicMergeEntries(resources, patches, _loader);
                    break;
                case "ReplacementTransformer":
                    foreach (var replacement in config.Get("replacements")?.Content ?? [])
                    {
                        ReplacementTransformer.Apply(resources, LoadReplacement(replacement), where);
                    }

                    break;
                default:
                    throw UnsupportedPlugin(config, where, "transformers");
            }

            Record(resources, true, config.GetString("kind") ?? string.Empty, where, config.GetString("metadata", "name"));
        }
    }

    private static void ApplyAffixes(ResourceList resources, YamlNode config, List<FieldSpec> specs)
    {
        if (config.GetString("prefix") is { Length: > 0 } prefix)
        {
            NameAffixTransformer.Apply(resources, prefix, isPrefix: true, specs);
        }

        if (config.GetString("suffix") is { Length: > 0 } suffix)
        {
            NameAffixTransformer.Apply(resources, suffix, isPrefix: false, specs);
        }
    }

    private KustomizeException UnsupportedPlugin(YamlNode config, string where, string field)
    {
        var kind = config.GetString("kind") ?? "(no kind)";
        return config.GetString("apiVersion") == "builtin"
            ? new KustomizeException(_kustomization.File, kind, field,
                $"the built-in plugin {kind} (from {where}) is not supported by Gyre's kustomize engine; use the kustomization field that does the same")
            : new KustomizeException(_kustomization.File, kind, field,
                $"external plugins disabled; unable to load external plugin '{kind}' (from {where}); only apiVersion: builtin configurations run");
    }

    /// <summary>Every plugin configuration the field lists, in order, with where it came from.</summary>
    private IEnumerable<(YamlNode Config, string Where)> PluginConfigs(string field)
    {
        foreach (var entry in _kustomization.Strings(field))
        {
            if (entry.Contains('\n', StringComparison.Ordinal))
            {
                foreach (var document in YamlReader.ReadDocuments(entry).OfType<YamlNode>())
                {
                    yield return (document, _kustomization.File);
                }

                continue;
            }

            var path = _loader.Resolve(entry);
            if (_session.FileSystem.IsDirectory(path))
            {
                var sub = LoadNested(path, entry, field);
                List<Resource> configs;
                try
                {
                    configs = sub.AccumulateTarget().Resources.Items.ToList();
                }
                finally
                {
                    _session.InProgress.Pop();
                }

                foreach (var config in configs)
                {
                    yield return (config.Node, PathText.Join(path, "kustomization.yaml"));
                }

                continue;
            }

            foreach (var document in YamlReader.ReadDocuments(_loader.ReadFile(entry, field)).OfType<YamlNode>())
            {
                yield return (document, path);
            }
        }
    }
}
