namespace Gyre.Api.Kustomize;

/// <summary>spec.ignore[]: JSON pointers excluded from apply and drift detection on the objects the target selects.</summary>
public sealed record IgnoreRule(IReadOnlyList<string> Paths, ObjectSelector Target);
