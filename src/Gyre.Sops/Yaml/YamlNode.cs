namespace Gyre.Sops.Yaml;

/// <summary>A node about to be printed, as go-yaml's yaml.Node: kind, scalar text and style, and its comments.</summary>
internal sealed class YamlNode
{
    public YamlNodeKind Kind { get; init; }

    public string Value { get; init; } = string.Empty;

    public ScalarStyle Style { get; init; }

    /// <summary>"#…" lines joined by '\n', printed before the node.</summary>
    public string HeadComment { get; set; } = string.Empty;

    /// <summary>"#…" lines joined by '\n', printed after the node.</summary>
    public string FootComment { get; set; } = string.Empty;

    /// <summary>Mapping: key, value, key, value… Sequence: the items.</summary>
    public List<YamlNode> Content { get; } = [];
}

internal enum YamlNodeKind
{
    Scalar,
    Mapping,
    Sequence,
}

internal enum ScalarStyle
{
    Plain,
    DoubleQuoted,
    Literal,
}
