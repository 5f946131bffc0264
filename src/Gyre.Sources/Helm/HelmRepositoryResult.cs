using Gyre.Sources.Artifacts;

namespace Gyre.Sources.Helm;

/// <summary>What a HelmRepository reconcile writes to status; type oci repositories have no artifact.</summary>
public sealed record HelmRepositoryResult
{
    public Artifact? Artifact { get; init; }

    public required bool Changed { get; init; }

    /// <summary>status.url: the index.yaml link (null for type oci).</summary>
    public string? Url { get; init; }

    /// <summary>Number of chart versions in the index, for the Ready message ("stored fetched index of size …").</summary>
    public int ChartVersions { get; init; }
}
