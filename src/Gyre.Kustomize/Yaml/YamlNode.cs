namespace Gyre.Kustomize.Yaml;

/// <summary>
/// A YAML node shaped like yaml.v3's (which kustomize's kyaml wraps): a kind, a resolved tag, the scalar text, and
/// for mappings the keys and values interleaved in <see cref="Content"/>.
/// </summary>
internal sealed class YamlNode
{
    private YamlNode(YamlNodeKind kind, string tag, string value)
    {
        Kind = kind;
        Tag = tag;
        Value = value;
    }

    public YamlNodeKind Kind { get; }

    public string Tag { get; set; }

    public string Value { get; set; }

    /// <summary>Mapping: key, value, key, value...; sequence: the items.</summary>
    public List<YamlNode> Content { get; } = [];

    /// <summary>Whether the scalar was written plain (unquoted) in its source, which decides how YAML 1.1 readers type it.</summary>
    public bool IsPlain { get; set; }

    public bool IsMapping => Kind == YamlNodeKind.Mapping;

    public bool IsSequence => Kind == YamlNodeKind.Sequence;

    public bool IsScalar => Kind == YamlNodeKind.Scalar;

    public bool IsNull => Kind == YamlNodeKind.Scalar && Tag == YamlTags.Null;

    public static YamlNode Scalar(string tag, string value) => new(YamlNodeKind.Scalar, tag, value);

    public static YamlNode String(string value) => new(YamlNodeKind.Scalar, YamlTags.Str, value);

    public static YamlNode NullNode() => new(YamlNodeKind.Scalar, YamlTags.Null, "null");

    public static YamlNode Mapping() => new(YamlNodeKind.Mapping, YamlTags.Map, string.Empty);

    public static YamlNode Sequence() => new(YamlNodeKind.Sequence, YamlTags.Seq, string.Empty);

    public static YamlNode Create(YamlNodeKind kind, string tag) => new(kind, tag, string.Empty);

    /// <summary>The value of a mapping key, or null.</summary>
    public YamlNode? Get(string key)
    {
        if (Kind != YamlNodeKind.Mapping)
        {
            return null;
        }

        for (var i = 0; i + 1 < Content.Count; i += 2)
        {
            if (Content[i].Value == key)
            {
                return Content[i + 1];
            }
        }

        return null;
    }

    /// <summary>A scalar's text at the given path of mapping keys, or null when absent or not a scalar.</summary>
    public string? GetString(params string[] path)
    {
        var node = this;
        foreach (var key in path)
        {
            node = node.Get(key);
            if (node is null)
            {
                return null;
            }
        }

        return node.IsScalar && !node.IsNull ? node.Value : null;
    }

    public void Set(string key, YamlNode value)
    {
        for (var i = 0; i + 1 < Content.Count; i += 2)
        {
            if (Content[i].Value == key)
            {
                Content[i + 1] = value;
                return;
            }
        }

        Content.Add(String(key));
        Content.Add(value);
    }

    public bool Remove(string key)
    {
        for (var i = 0; i + 1 < Content.Count; i += 2)
        {
            if (Content[i].Value == key)
            {
                Content.RemoveRange(i, 2);
                return true;
            }
        }

        return false;
    }

    /// <summary>The mapping at key, created (as an empty mapping) when absent or null.</summary>
    public YamlNode GetOrCreateMapping(string key)
    {
        var existing = Get(key);
        if (existing is { IsMapping: true })
        {
            return existing;
        }

        var created = Mapping();
        Set(key, created);
        return created;
    }

    public IEnumerable<KeyValuePair<string, YamlNode>> Pairs()
    {
        for (var i = 0; i + 1 < Content.Count; i += 2)
        {
            yield return new KeyValuePair<string, YamlNode>(Content[i].Value, Content[i + 1]);
        }
    }

    public YamlNode Clone()
    {
        var copy = new YamlNode(Kind, Tag, Value);
        foreach (var child in Content)
        {
            copy.Content.Add(child.Clone());
        }

        return copy;
    }

    public override string ToString() => Kind == YamlNodeKind.Scalar ? Value : Kind.ToString();
}
