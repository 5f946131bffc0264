namespace Gyre.Api.Kustomize;

/// <summary>spec.healthChecks[]: an object to wait for (NamespacedObjectKindReference).</summary>
public sealed record ObjectKindReference(string ApiVersion, string Kind, string Name, string? Namespace);
