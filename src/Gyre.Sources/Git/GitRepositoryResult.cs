using Gyre.Sources.Artifacts;

namespace Gyre.Sources.Git;

/// <summary>What a GitRepository reconcile writes to status.</summary>
public sealed record GitRepositoryResult
{
    /// <summary>status.artifact (the previous one when <see cref="Changed"/> is false).</summary>
    public required Artifact Artifact { get; init; }

    /// <summary>False when the remote revision and content configuration were unchanged (reason ArtifactUpToDate).</summary>
    public required bool Changed { get; init; }

    /// <summary>Fingerprint of ignore, include, sparseCheckout and submodule settings; store it as observed.</summary>
    public required string ContentConfig { get; init; }

    /// <summary>status.includedArtifacts.</summary>
    public IReadOnlyList<Artifact> IncludedArtifacts { get; init; } = [];

    /// <summary>The SourceVerified message when spec.verify was set and passed.</summary>
    public string? VerificationMessage { get; init; }
}
