using Gyre.Kustomize.Yaml;

namespace Gyre.Kustomize.Resources;

/// <summary>
/// One object in a build: its YAML, the ids it had before renames (kustomize keeps them in build annotations), and
/// the prefixes/suffixes applied so far, which name-reference resolution uses to tell copies of a base apart.
/// </summary>
internal sealed class Resource
{
    public Resource(YamlNode node, string source)
    {
        Node = node;
        Source = source;
    }

    public YamlNode Node { get; set; }

    /// <summary>Where the object came from (a file, or the generator), for messages.</summary>
    public string Source { get; }

    /// <summary>For generated objects: the kustomization file and generator kind (kustomize's origin configuredIn/configuredBy).</summary>
    public (string File, string Kind)? GeneratedBy { get; init; }

    public List<ResId> PreviousIds { get; } = [];

    public List<string> Prefixes { get; } = [];

    public List<string> Suffixes { get; } = [];

    /// <summary>The transformers that ran over this object (kustomize's alpha.config.kubernetes.io/transformations).</summary>
    public List<Transformation> Transformations { get; } = [];

    /// <summary>Set by generators: the name gets kustomize's content-hash suffix at the end of the build.</summary>
    public bool NeedsHashSuffix { get; set; }

    /// <summary>Generator behaviour (create, merge, replace) while generated objects are absorbed.</summary>
    public string? Behavior { get; set; }

    public string ApiVersion => Node.GetString("apiVersion") ?? string.Empty;

    public string Kind => Node.GetString("kind") ?? string.Empty;

    public string Name => Node.GetString("metadata", "name") ?? string.Empty;

    public string Namespace => Node.GetString("metadata", "namespace") ?? string.Empty;

    public ResId CurrentId
    {
        get
        {
            var (group, version) = ResId.SplitApiVersion(ApiVersion);
            return new ResId(group, version, Kind, Name, Namespace);
        }
    }

    /// <summary>The id the object had when it entered the build.</summary>
    public ResId OriginalId => PreviousIds.Count > 0 ? PreviousIds[0] : CurrentId;

    /// <summary>Every id the object has had, including the current one.</summary>
    public IEnumerable<ResId> AllIds => PreviousIds.Append(CurrentId);

    public void SetName(string name)
    {
        RecordCurrentId();
        Node.GetOrCreateMapping("metadata").Set("name", YamlNode.String(name));
    }

    public void SetNamespace(string ns)
    {
        RecordCurrentId();
        Node.GetOrCreateMapping("metadata").Set("namespace", YamlNode.String(ns));
    }

    /// <summary>Remembers the id before a change of name, namespace or kind (kustomize's previous-id annotations).</summary>
    public void RecordCurrentId()
    {
        var current = CurrentId;
        if (PreviousIds.Count == 0 || PreviousIds[^1] != current)
        {
            PreviousIds.Add(current);
        }
    }

    public Resource Clone()
    {
        var copy = new Resource(Node.Clone(), Source) { NeedsHashSuffix = NeedsHashSuffix, Behavior = Behavior, GeneratedBy = GeneratedBy };
        copy.PreviousIds.AddRange(PreviousIds);
        copy.Prefixes.AddRange(Prefixes);
        copy.Suffixes.AddRange(Suffixes);
        copy.Transformations.AddRange(Transformations);
        return copy;
    }

    public override string ToString() => CurrentId.ToString();
}
