namespace Gyre.Sources.Git;

/// <summary>
/// One spec.include entry, already resolved by the reconciler to the included GitRepository's artifact: its file
/// in the store, copied from <see cref="FromPath"/> into <see cref="ToPath"/> of this artifact.
/// </summary>
public sealed record GitInclude
{
    /// <summary>The included repository's name (the default <see cref="ToPath"/>).</summary>
    public required string RepositoryName { get; init; }

    /// <summary>The included repository's current artifact; null when it has none yet (IncludeUnavailable).</summary>
    public Artifacts.Artifact? Artifact { get; init; }

    public string FromPath { get; init; } = "";

    public string? ToPath { get; init; }
}
