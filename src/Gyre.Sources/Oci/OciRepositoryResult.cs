using Gyre.Sources.Artifacts;

namespace Gyre.Sources.Oci;

/// <summary>What an OCIRepository reconcile writes to status.</summary>
public sealed record OciRepositoryResult
{
    public required Artifact Artifact { get; init; }

    public required bool Changed { get; init; }

    /// <summary>status.url: the latest.tar.gz link.</summary>
    public required string Url { get; init; }

    /// <summary>Fingerprint of layerSelector and ignore; store it as observed.</summary>
    public required string ContentConfig { get; init; }
}
