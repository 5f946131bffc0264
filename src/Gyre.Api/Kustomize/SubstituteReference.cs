namespace Gyre.Api.Kustomize;

/// <summary>spec.postBuild.substituteFrom[]: a ConfigMap or Secret in the Kustomization's namespace.</summary>
public sealed record SubstituteReference(string Kind, string Name, bool Optional);
