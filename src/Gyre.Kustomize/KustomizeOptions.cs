namespace Gyre.Kustomize;

/// <summary>Build options (kustomize's krusty.Options).</summary>
public sealed record KustomizeOptions
{
    /// <summary>Allow files outside the kustomization root (kustomize's --load-restrictor LoadRestrictionsNone).</summary>
    public bool DisableLoadRestrictor { get; init; }

    /// <summary>Allow remote resources (git or HTTP URLs). Gyre cannot fetch them yet, so they fail either way.</summary>
    public bool AllowRemoteResources { get; init; }
}
