namespace Gyre.Helm.Storage;

/// <summary>helm pkg/release Info: status and timestamps of one revision (resources are not stored by Helm either).</summary>
public sealed record ReleaseInfo
{
    public DateTimeOffset? FirstDeployed { get; init; }

    public DateTimeOffset? LastDeployed { get; init; }

    public DateTimeOffset? Deleted { get; init; }

    public string Description { get; init; } = string.Empty;

    /// <summary>One of <see cref="ReleaseStatus"/>.</summary>
    public string Status { get; init; } = ReleaseStatus.Unknown;

    public string Notes { get; init; } = string.Empty;
}
