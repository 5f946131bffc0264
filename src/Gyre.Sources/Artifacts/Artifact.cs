namespace Gyre.Sources.Artifacts;

/// <summary>
/// What source-controller writes to <c>status.artifact</c> (fluxcd/pkg apis/meta Artifact): the stored file's path
/// relative to the store root, the URL consumers download it from, the origin revision, its digest and size.
/// </summary>
public sealed record Artifact
{
    /// <summary>Relative path in the store: <c>&lt;kind-lowercase&gt;/&lt;namespace&gt;/&lt;name&gt;/&lt;file&gt;</c>.</summary>
    public required string Path { get; init; }

    /// <summary>HTTP URL the artifact server advertises for <see cref="Path"/>.</summary>
    public required string Url { get; init; }

    /// <summary>Origin revision in Flux's format (see <see cref="RevisionFormat"/>).</summary>
    public required string Revision { get; init; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the stored file.</summary>
    public required string Digest { get; init; }

    /// <summary>When the artifact was written.</summary>
    public required DateTimeOffset LastUpdateTime { get; init; }

    /// <summary>Size of the stored file in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>Upstream metadata, e.g. the OCI manifest annotations.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The file name part of <see cref="Path"/>.</summary>
    public string FileName => Path[(Path.LastIndexOf('/') + 1)..];
}
