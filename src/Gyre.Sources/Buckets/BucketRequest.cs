using Gyre.Sources.Artifacts;

namespace Gyre.Sources.Buckets;

/// <summary>One Bucket reconcile's inputs: where the artifact goes, what to list, and what status already holds.</summary>
public sealed record BucketRequest
{
    public required ArtifactKey Key { get; init; }

    /// <summary>spec.prefix: the server-side listing filter.</summary>
    public string? Prefix { get; init; }

    /// <summary>spec.ignore, applied after the bucket's root <c>.sourceignore</c>.</summary>
    public string? Ignore { get; init; }

    /// <summary>status.artifact, when there is one.</summary>
    public Artifact? CurrentArtifact { get; init; }

    /// <summary>status.observedIgnore: the spec.ignore the current artifact was built with.</summary>
    public string? ObservedIgnore { get; init; }

    /// <summary>How many objects download at once.</summary>
    public int MaxConcurrentDownloads { get; init; } = 20;
}
