namespace Gyre.Kustomize;

/// <summary>The output of a build: the YAML stream exactly as `kubectl kustomize` prints it, and deprecation warnings.</summary>
public sealed record KustomizeResult(string Yaml, IReadOnlyList<string> Warnings, int ResourceCount);
