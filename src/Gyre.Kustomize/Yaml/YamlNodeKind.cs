namespace Gyre.Kustomize.Yaml;

/// <summary>The three node kinds of yaml.v3 that survive alias resolution.</summary>
internal enum YamlNodeKind
{
    Scalar,
    Mapping,
    Sequence,
}
