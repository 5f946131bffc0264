using Gyre.Kustomize.Remote;

namespace Gyre.Kustomize;

/// <summary>Build options (kustomize's krusty.Options).</summary>
public sealed record KustomizeOptions
{
    /// <summary>Allow files outside the kustomization root (kustomize's --load-restrictor LoadRestrictionsNone).</summary>
    public bool DisableLoadRestrictor { get; init; }

    /// <summary>
    /// Fetches remote resources (git repositories and http(s) files). Null, the default, refuses them: Gyre builds
    /// what its sources fetched unless the caller opts in.
    /// </summary>
    public IRemoteFetcher? RemoteFetcher { get; init; }
}
