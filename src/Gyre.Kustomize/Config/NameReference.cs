namespace Gyre.Kustomize.Config;

/// <summary>A referenced kind (e.g. ConfigMap) and the fields of other kinds that hold its name.</summary>
internal sealed record NameReference(string Group, string Version, string Kind, List<FieldSpec> FieldSpecs);
