using Gyre.Kustomize.FileSystem;
using Gyre.Kustomize.Yaml;


namespace Gyre.Kustomize.Build;

/// <summary>A parsed kustomization.yaml (Kustomization v1beta1 or Component v1alpha1) with typed accessors over its YAML.</summary>
internal sealed class Kustomization
{
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "apiVersion", "kind", "metadata", "openapi", "namePrefix", "nameSuffix", "namespace", "commonLabels", "labels",
        "commonAnnotations", "patchesStrategicMerge", "patchesJson6902", "patches", "images", "replacements", "replicas",
        "vars", "sortOptions", "resources", "components", "crds", "bases", "configMapGenerator", "secretGenerator",
        "helmGlobals", "helmCharts", "helmChartInflationGenerator", "generatorOptions", "configurations", "generators",
        "transformers", "validators", "buildMetadata", "imageTags",
    };

    public Kustomization(string file, YamlNode node)
    {
        File = file;
        Directory = PathText.Directory(file);
        Node = node;
    }

    /// <summary>The kustomization file's path.</summary>
    public string File { get; }

    /// <summary>The kustomization root: relative paths resolve here and the load restrictor keeps files under it.</summary>
    public string Directory { get; }

    public YamlNode Node { get; }

    public string Kind => Node.GetString("kind") ?? "Kustomization";

    public bool IsComponent => Kind == "Component";

    public void Validate()
    {
        foreach (var (key, _) in Node.Pairs())
        {
            if (!KnownFields.Contains(key))
            {
                throw new KustomizeException(File, null, key, $"invalid Kustomization: unknown field \"{key}\"");
            }
        }

        var kind = Node.GetString("kind");
        if (kind is not null and not "Kustomization" and not "Component")
        {
            throw new KustomizeException(File, null, "kind", $"kind \"{kind}\" is not supported; use Kustomization or Component");
        }
    }

    public string? GetString(string field) => Node.GetString(field);

    public YamlNode? Get(string field) => Node.Get(field) is { IsNull: false } value ? value : null;

    /// <summary>A list of strings (resources, components...); a scalar where a list belongs is an error.</summary>
    public List<string> Strings(string field)
    {
        var node = Get(field);
        if (node is null)
        {
            return [];
        }

        if (!node.IsSequence)
        {
            throw new KustomizeException(File, null, field, "expected a list of strings");
        }

        return node.Content.Select(n => n.IsScalar ? n.Value : throw new KustomizeException(File, null, field, "expected a list of strings")).ToList();
    }

    /// <summary>A string-to-string map (commonLabels, commonAnnotations), in file order.</summary>
    public List<KeyValuePair<string, string>> StringMap(string field) => StringMap(Get(field), field);

    public List<KeyValuePair<string, string>> StringMap(YamlNode? node, string field)
    {
        if (node is null)
        {
            return [];
        }

        if (!node.IsMapping)
        {
            throw new KustomizeException(File, null, field, "expected a map of strings");
        }

        return node.Pairs().Select(p => new KeyValuePair<string, string>(p.Key, RequireString(p.Value, File, field + "." + p.Key))).ToList();
    }

    /// <summary>
    /// A value of a string-typed kustomization field. kustomize reads kustomization.yaml with sigs.k8s.io/yaml (YAML 1.1),
    /// so an unquoted yes/no/on/off or number is not a string there and the build fails; Gyre fails the same way.
    /// </summary>
    public static string RequireString(YamlNode value, string file, string field)
    {
        if (!value.IsScalar)
        {
            throw new KustomizeException(file, null, field, "expected a string value");
        }

        var tag = value.IsPlain ? GoScalarResolver.V2.Resolve(value.Value) : value.Tag;
        return tag switch
        {
            YamlTags.Null => string.Empty,
            YamlTags.Bool => throw new KustomizeException(file, null, field, $"invalid Kustomization: cannot unmarshal bool into a string field; quote the value '{value.Value}'"),
            YamlTags.Int or YamlTags.Float => throw new KustomizeException(file, null, field, $"invalid Kustomization: cannot unmarshal number into a string field; quote the value '{value.Value}'"),
            _ => value.Value,
        };
    }

    /// <summary>The items of a list field; each must be a mapping.</summary>
    public List<YamlNode> Objects(string field)
    {
        var node = Get(field);
        if (node is null)
        {
            return [];
        }

        if (!node.IsSequence)
        {
            throw new KustomizeException(File, null, field, "expected a list");
        }

        return node.Content.ToList();
    }
}
