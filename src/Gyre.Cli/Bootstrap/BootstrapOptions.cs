namespace Gyre.Cli.Bootstrap;

/// <summary>What `gyre bootstrap git` was asked to do, as flux's flags name it.</summary>
internal sealed record BootstrapOptions
{
    public required Uri Url { get; init; }

    public required string Branch { get; init; }

    /// <summary>The repository path the flux-system Kustomization applies, without a leading "./" (root is ".").</summary>
    public required string Path { get; init; }

    public required string Namespace { get; init; }

    public required string Interval { get; init; }

    public required IReadOnlyList<string> Controllers { get; init; }

    public required string Image { get; init; }

    public required string Version { get; init; }

    public required string AuthorName { get; init; }

    public required string AuthorEmail { get; init; }

    public string? CommitMessageAppendix { get; init; }

    public bool AllowInsecureHttp { get; init; }

    public required TimeSpan Timeout { get; init; }

    /// <summary>Where the controllers' manifests and the sync manifests are committed.</summary>
    public string ManifestsDirectory => Path == "." ? "flux-system" : Path + "/flux-system";
}
