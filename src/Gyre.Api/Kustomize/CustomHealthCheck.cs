namespace Gyre.Api.Kustomize;

/// <summary>
/// spec.healthCheckExprs[]: CEL expressions computing the health of every object of one kind (matched by the group
/// of <paramref name="ApiVersion"/> and <paramref name="Kind"/>); <paramref name="Current"/> is required.
/// </summary>
public sealed record CustomHealthCheck(string ApiVersion, string Kind, string Current, string? InProgress, string? Failed);
