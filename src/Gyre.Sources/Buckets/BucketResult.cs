using Gyre.Sources.Artifacts;

namespace Gyre.Sources.Buckets;

/// <summary>What a Bucket reconcile writes to status: the artifact, whether it is new, status.url and how many objects it holds.</summary>
public sealed record BucketResult
{
    public required Artifact Artifact { get; init; }

    public required bool Changed { get; init; }

    /// <summary>status.url: the latest.tar.gz link.</summary>
    public required string Url { get; init; }

    /// <summary>Objects in the index (after prefix and ignore rules).</summary>
    public required int ObjectCount { get; init; }
}
