using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Config;

/// <summary>
/// The field specs each built-in transformer uses (kustomize's builtinconfig.TransformerConfig): kustomize's defaults,
/// extended by `configurations:` files and CRDs.
/// </summary>
internal sealed class TransformerConfig
{
    public List<FieldSpec> NamePrefix { get; } = [];

    public List<FieldSpec> NameSuffix { get; } = [];

    public List<FieldSpec> Namespace { get; } = [];

    public List<FieldSpec> CommonLabels { get; } = [];

    public List<FieldSpec> TemplateLabels { get; } = [];

    public List<FieldSpec> CommonAnnotations { get; } = [];

    public List<FieldSpec> Images { get; } = [];

    public List<FieldSpec> Replicas { get; } = [];

    public List<FieldSpec> VarReference { get; } = [];

    public List<NameReference> NameReferences { get; } = [];

    private static readonly TransformerConfig BuiltIn = Parse(DefaultConfig.Text, "builtin configuration");

    /// <summary>A fresh copy of kustomize's built-in configuration (parsed once per process; callers mutate their copy).</summary>
    public static TransformerConfig Defaults() => BuiltIn.Copy();

    /// <summary>Parses a configuration file in kustomize's format (namePrefix:, commonLabels:, nameReference:...).</summary>
    public static TransformerConfig Parse(string text, string source)
    {
        var config = new TransformerConfig();
        var root = YamlReader.ReadDocuments(text).FirstOrDefault();
        if (root is null)
        {
            return config;
        }

        foreach (var (key, value) in root.Pairs())
        {
            switch (key)
            {
                case "nameReference":
                    foreach (var item in value.Content)
                    {
                        config.NameReferences.Add(new NameReference(
                            item.GetString("group") ?? string.Empty, item.GetString("version") ?? string.Empty,
                            item.GetString("kind") ?? string.Empty, ParseSpecs(item.Get("fieldSpecs"))));
                    }

                    break;
                default:
                    var list = config.ListFor(key) ?? throw new KustomizeException(source, null, key, "unknown transformer configuration field");
                    list.AddRange(ParseSpecs(value));
                    break;
            }
        }

        return config;
    }

    private List<FieldSpec>? ListFor(string key) => key switch
    {
        "namePrefix" => NamePrefix,
        "nameSuffix" => NameSuffix,
        "namespace" => Namespace,
        "commonLabels" => CommonLabels,
        "templateLabels" => TemplateLabels,
        "commonAnnotations" => CommonAnnotations,
        "images" => Images,
        "replicas" => Replicas,
        "varReference" => VarReference,
        _ => null,
    };

    private static List<FieldSpec> ParseSpecs(YamlNode? node)
    {
        if (node is null || !node.IsSequence)
        {
            return [];
        }

        return node.Content.Select(s => new FieldSpec(
            s.GetString("group") ?? string.Empty, s.GetString("version") ?? string.Empty, s.GetString("kind") ?? string.Empty,
            s.GetString("path") ?? string.Empty, s.GetString("create") == "true")).ToList();
    }

    /// <summary>Adds the other config's specs that are not already present (builtinconfig.Merge).</summary>
    public void Merge(TransformerConfig other)
    {
        foreach (var key in new[] { "namePrefix", "nameSuffix", "namespace", "commonLabels", "templateLabels", "commonAnnotations", "images", "replicas", "varReference" })
        {
            var mine = ListFor(key)!;
            foreach (var spec in other.ListFor(key)!)
            {
                if (!mine.Contains(spec))
                {
                    mine.Add(spec);
                }
            }
        }

        foreach (var reference in other.NameReferences)
        {
            var existing = NameReferences.FirstOrDefault(r => r.Group == reference.Group && r.Version == reference.Version && r.Kind == reference.Kind);
            if (existing is null)
            {
                NameReferences.Add(reference with { FieldSpecs = [.. reference.FieldSpecs] });
                continue;
            }

            foreach (var spec in reference.FieldSpecs.Where(s => !existing.FieldSpecs.Contains(s)))
            {
                existing.FieldSpecs.Add(spec);
            }
        }
    }

    public TransformerConfig Copy()
    {
        var copy = new TransformerConfig();
        copy.Merge(this);
        return copy;
    }
}
