namespace Gyre.Kustomize.Resources;

/// <summary>One transformer run recorded for buildMetadata transformerAnnotations: where it was configured and its kind.</summary>
/// <param name="File">The kustomization (or plugin configuration) file that configured it.</param>
/// <param name="Kind">The built-in plugin kind, e.g. PrefixTransformer.</param>
/// <param name="Name">metadata.name of a plugin configuration; null for kustomization fields.</param>
internal sealed record Transformation(string File, string Kind, string? Name);
