namespace Gyre.Api.Kustomize;

/// <summary>spec.sourceRef: the source whose artifact is built (namespace defaults to the Kustomization's).</summary>
public sealed record SourceReference(string ApiVersion, string Kind, string Name, string Namespace);
