namespace Gyre.Helm.Storage;

/// <summary>helm pkg/release Hook: a hook resource of the release, when it runs and how its last run went.</summary>
public sealed record ReleaseHook
{
    public required string Name { get; init; }

    public required string Kind { get; init; }

    /// <summary>The template path, e.g. podinfo/templates/tests/test.yaml.</summary>
    public required string Path { get; init; }

    public required string Manifest { get; init; }

    /// <summary>pre-install, post-install, pre-upgrade, post-upgrade, pre-rollback, post-rollback, pre-delete, post-delete, test.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    public HookExecution LastRun { get; init; } = new(null, null, string.Empty);

    public int Weight { get; init; }

    /// <summary>before-hook-creation, hook-succeeded, hook-failed.</summary>
    public IReadOnlyList<string> DeletePolicies { get; init; } = [];
}
