namespace Gyre.Kube.Config;

/// <summary>The command-line overrides kubectl accepts: <c>--context</c>, <c>--namespace</c>, <c>--cluster</c>, <c>--user</c>.</summary>
public sealed record KubeContextOverrides(string? Context = null, string? Namespace = null, string? Cluster = null, string? User = null);
