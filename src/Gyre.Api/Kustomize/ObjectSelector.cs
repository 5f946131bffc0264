namespace Gyre.Api.Kustomize;

/// <summary>A kustomize selector (group, version, kind, name, namespace as anchored regular expressions; label and annotation selectors).</summary>
public sealed record ObjectSelector(string? Group, string? Version, string? Kind, string? Name, string? Namespace, string? LabelSelector, string? AnnotationSelector);
