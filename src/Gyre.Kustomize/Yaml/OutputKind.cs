namespace Gyre.Kustomize.Yaml;

/// <summary>The value kinds left after kustomize's YAML → JSON → YAML round trip.</summary>
internal enum OutputKind
{
    String,
    Int,
    Float,
    Bool,
    Null,
    Mapping,
    Sequence,
}
