using Gyre.Sources.Artifacts;

namespace Gyre.Sources.Oci;

/// <summary>Everything an OCIRepository reconcile hands to <see cref="OciRepositorySource"/>.</summary>
public sealed record OciRepositoryRequest
{
    public required ArtifactKey Key { get; init; }

    /// <summary>spec.url: <c>oci://registry/repository</c>, no tag.</summary>
    public required string Url { get; init; }

    /// <summary>spec.ref.tag (default <c>latest</c>).</summary>
    public string? Tag { get; init; }

    /// <summary>spec.ref.semver; overrides the tag.</summary>
    public string? Semver { get; init; }

    /// <summary>spec.ref.semverFilter: a regex tags must match before semver applies.</summary>
    public string? SemverFilter { get; init; }

    /// <summary>spec.ref.digest; overrides everything.</summary>
    public string? Digest { get; init; }

    /// <summary>spec.layerSelector.mediaType (default: the first layer).</summary>
    public string? LayerMediaType { get; init; }

    /// <summary>spec.layerSelector.operation: <c>extract</c> (default) or <c>copy</c>.</summary>
    public string LayerOperation { get; init; } = "extract";

    public OciClientOptions Client { get; init; } = new();

    /// <summary>spec.ignore (null: nothing beyond the archive's own content is excluded).</summary>
    public string? Ignore { get; init; }

    public ExtractionLimits Limits { get; init; } = ExtractionLimits.Default;

    public Artifact? CurrentArtifact { get; init; }

    public string? ObservedContentConfig { get; init; }
}
