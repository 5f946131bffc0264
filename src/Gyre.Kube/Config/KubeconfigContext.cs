namespace Gyre.Kube.Config;

/// <summary>A kubeconfig <c>contexts[]</c> entry: which cluster, which user, which default namespace.</summary>
/// <param name="Name">The context name.</param>
/// <param name="Cluster">The cluster entry's name.</param>
/// <param name="User">The user entry's name.</param>
/// <param name="Namespace">The default namespace, or null for <c>default</c>.</param>
public sealed record KubeconfigContext(string Name, string? Cluster, string? User, string? Namespace);
