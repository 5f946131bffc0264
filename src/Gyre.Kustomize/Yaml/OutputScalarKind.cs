namespace Gyre.Kustomize.Yaml;

/// <summary>The scalar kinds left after kustomize's YAML → JSON → YAML round trip.</summary>
internal enum OutputScalarKind
{
    String,
    Int,
    Float,
    Bool,
    Null,
}
