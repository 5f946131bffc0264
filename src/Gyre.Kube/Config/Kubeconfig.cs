namespace Gyre.Kube.Config;

/// <summary>
/// A kubeconfig, possibly merged from several files. Resolve a context with <see cref="KubeconfigResolver"/>.
/// </summary>
public sealed record Kubeconfig
{
    /// <summary>The merged <c>current-context</c>.</summary>
    public string? CurrentContext { get; init; }

    /// <summary>Clusters by name.</summary>
    public IReadOnlyDictionary<string, KubeconfigCluster> Clusters { get; init; } = new Dictionary<string, KubeconfigCluster>(StringComparer.Ordinal);

    /// <summary>Users by name.</summary>
    public IReadOnlyDictionary<string, KubeconfigUser> Users { get; init; } = new Dictionary<string, KubeconfigUser>(StringComparer.Ordinal);

    /// <summary>Contexts by name.</summary>
    public IReadOnlyDictionary<string, KubeconfigContext> Contexts { get; init; } = new Dictionary<string, KubeconfigContext>(StringComparer.Ordinal);

    /// <summary>The files this configuration was read from, in merge order.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
}
