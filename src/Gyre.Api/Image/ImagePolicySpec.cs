using Gyre.Api.Meta;
using Gyre.Manifests;

namespace Gyre.Api.Image;

/// <summary>image.toolkit.fluxcd.io/v1 ImagePolicy spec (v1beta2 reads the same).</summary>
public sealed record ImagePolicySpec
{
    public const string Kind = "ImagePolicy";
    public const string ApiVersion = "image.toolkit.fluxcd.io/v1";

    public required string RepositoryName { get; init; }

    /// <summary>imageRepositoryRef.namespace; null means the policy's own.</summary>
    public string? RepositoryNamespace { get; init; }

    public string? SemverRange { get; init; }

    /// <summary>policy.alphabetical.order ("asc" when the block is empty); null when not chosen.</summary>
    public string? Alphabetical { get; init; }

    /// <summary>policy.numerical.order ("asc" when the block is empty); null when not chosen.</summary>
    public string? Numerical { get; init; }

    public string? FilterPattern { get; init; }

    public string? FilterExtract { get; init; }

    /// <summary>Never (default), IfNotPresent or Always.</summary>
    public string DigestReflectionPolicy { get; init; } = "Never";

    /// <summary>spec.interval: how often Always re-resolves the digest; only valid with Always.</summary>
    public TimeSpan? Interval { get; init; }

    public bool Suspend { get; init; }

    public static ImagePolicySpec From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var reader = new SpecReader(obj);
        var spec = reader.Spec;
        var reference = spec["imageRepositoryRef"] as System.Text.Json.Nodes.JsonObject ?? throw new ApiException(reader.Where, "spec.imageRepositoryRef", "is required");
        var policy = spec["policy"];
        var digest = SpecReader.String(spec["digestReflectionPolicy"]) ?? "Never";
        if (digest is not ("Never" or "IfNotPresent" or "Always"))
        {
            throw new ApiException(reader.Where, "spec.digestReflectionPolicy", $"'{digest}' is not one of Never, IfNotPresent, Always");
        }

        return new ImagePolicySpec
        {
            RepositoryName = reader.Required(reference, "name", "spec.imageRepositoryRef.name"),
            RepositoryNamespace = SpecReader.String(reference["namespace"]) is { Length: > 0 } ns ? ns : null,
            SemverRange = SpecReader.String(policy?["semver"]?["range"]) ?? (policy?["semver"] is not null ? "" : null),
            Alphabetical = policy?["alphabetical"] is { } a ? SpecReader.String(a["order"]) ?? "asc" : null,
            Numerical = policy?["numerical"] is { } n ? SpecReader.String(n["order"]) ?? "asc" : null,
            FilterPattern = SpecReader.String(spec["filterTags"]?["pattern"]),
            FilterExtract = SpecReader.String(spec["filterTags"]?["extract"]),
            DigestReflectionPolicy = digest,
            Interval = reader.Duration(spec, "interval", "spec.interval"),
            Suspend = SpecReader.Bool(spec["suspend"]),
        };
    }
}
