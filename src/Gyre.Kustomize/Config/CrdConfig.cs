using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Config;

/// <summary>
/// `crds:` files: kube-openapi definition maps (type name → {Schema}) whose x-kubernetes-* extensions add transformer
/// field specs for custom kinds, as kustomize's builtinconfig LoadConfigFromCRDs does: object references become name
/// references, and annotation, label-selector and identity markers join commonAnnotations, commonLabels and the
/// name prefix/suffix specs.
/// </summary>
internal static class CrdConfig
{
    public static TransformerConfig Parse(string text, string source)
    {
        var definitions = YamlReader.ReadDocuments(text).FirstOrDefault();
        if (definitions is not { IsMapping: true })
        {
            throw new KustomizeException(source, null, "crds", "expected a map of OpenAPI definitions (type name to {Schema: ...}), as kube-openapi generates");
        }

        var config = new TransformerConfig();
        var byName = definitions.Pairs().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var (name, definition) in byName)
        {
            var properties = Properties(definition);
            if (properties?.Get("kind") is null || properties.Get("apiVersion") is null || properties.Get("metadata") is null)
            {
                continue;
            }

            // kustomize takes the kind from the type name's last dot-separated part and matches on kind alone.
            var kind = name[(name.LastIndexOf('.') + 1)..];
            Load(config, kind, byName, name, [], depth: 0);
        }

        return config;
    }

    private static YamlNode? Properties(YamlNode definition) =>
        (definition.Get("Schema") ?? definition.Get("schema"))?.Get("properties");

    private static void Load(TransformerConfig config, string kind, Dictionary<string, YamlNode> byName, string typeName, List<string> path, int depth)
    {
        // A reference cycle between definitions would recurse forever; real schemas are far shallower than this.
        if (depth > 32 || !byName.TryGetValue(typeName, out var definition) || Properties(definition) is not { } properties)
        {
            return;
        }

        foreach (var (property, schema) in properties.Pairs())
        {
            var here = new List<string>(path) { property };
            var fieldPath = string.Join('/', here);
            if (schema.Get("x-kubernetes-annotation") is not null)
            {
                AddOnce(config.CommonAnnotations, new FieldSpec("", "", kind, fieldPath, true));
            }

            if (schema.Get("x-kubernetes-label-selector") is not null)
            {
                AddOnce(config.CommonLabels, new FieldSpec("", "", kind, fieldPath, true));
            }

            if (schema.Get("x-kubernetes-identity") is not null)
            {
                // As kustomize: identity fields take the name prefix only.
                AddOnce(config.NamePrefix, new FieldSpec("", "", kind, fieldPath, false));
            }

            if (schema.GetString("x-kubernetes-object-ref-api-version") is { } version && schema.GetString("x-kubernetes-object-ref-kind") is { } referencedKind)
            {
                var nameKey = schema.GetString("x-kubernetes-object-ref-name-key") ?? "name";
                // kustomize puts the whole api version into the referenced id's version, so "group/v1" never
                // matches a grouped kind; kept as is to build what kustomize builds.
                var (group, plainVersion) = ("", version);
                var spec = new FieldSpec("", "", kind, fieldPath + "/" + nameKey, false);
                var reference = config.NameReferences.FirstOrDefault(r => r.Group == group && r.Version == plainVersion && r.Kind == referencedKind);
                if (reference is null)
                {
                    config.NameReferences.Add(new NameReference(group, plainVersion, referencedKind, [spec]));
                }
                else
                {
                    AddOnce(reference.FieldSpecs, spec);
                }
            }

            if (schema.GetString("$ref") is { Length: > 0 } reference2)
            {
                Load(config, kind, byName, reference2, here, depth + 1);
            }
        }
    }

    private static void AddOnce(List<FieldSpec> specs, FieldSpec spec)
    {
        if (!specs.Contains(spec))
        {
            specs.Add(spec);
        }
    }
}
