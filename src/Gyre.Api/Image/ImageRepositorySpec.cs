using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Manifests;

namespace Gyre.Api.Image;

/// <summary>image.toolkit.fluxcd.io/v1 ImageRepository spec (v1beta2 reads the same).</summary>
public sealed record ImageRepositorySpec
{
    public const string Kind = "ImageRepository";
    public const string ApiVersion = "image.toolkit.fluxcd.io/v1";

    public required string Image { get; init; }

    public required TimeSpan Interval { get; init; }

    /// <summary>spec.timeout; defaults to the interval, as Flux's GetTimeout.</summary>
    public required TimeSpan Timeout { get; init; }

    public string? SecretRef { get; init; }

    public string? ServiceAccountName { get; init; }

    public string? CertSecretRef { get; init; }

    public string? ProxySecretRef { get; init; }

    /// <summary>provider: generic (default), aws, azure or gcp.</summary>
    public string Provider { get; init; } = "generic";

    public bool Insecure { get; init; }

    public bool Suspend { get; init; }

    /// <summary>spec.exclusionList; the CRD defaults it to <c>^.*\.sig$</c>, and so does this reader when absent.</summary>
    public IReadOnlyList<string> ExclusionList { get; init; } = [@"^.*\.sig$"];

    /// <summary>accessFrom.namespaceSelectors[].matchLabels; null when spec.accessFrom is absent (no cross-namespace access).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>>? AccessFrom { get; init; }

    public static ImageRepositorySpec From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var reader = new SpecReader(obj);
        var spec = reader.Spec;
        var interval = reader.Duration(spec, "interval", "spec.interval") ?? throw new ApiException(reader.Where, "spec.interval", "is required");
        var provider = SpecReader.String(spec["provider"]) ?? "generic";
        if (provider is not ("generic" or "aws" or "azure" or "gcp"))
        {
            throw new ApiException(reader.Where, "spec.provider", $"'{provider}' is not one of generic, aws, azure, gcp");
        }

        return new ImageRepositorySpec
        {
            Image = reader.Required(spec, "image", "spec.image"),
            Interval = interval,
            Timeout = reader.Duration(spec, "timeout", "spec.timeout") ?? interval,
            SecretRef = SpecReader.String(spec["secretRef"]?["name"]),
            ServiceAccountName = SpecReader.String(spec["serviceAccountName"]),
            CertSecretRef = SpecReader.String(spec["certSecretRef"]?["name"]),
            ProxySecretRef = SpecReader.String(spec["proxySecretRef"]?["name"]),
            Provider = provider,
            Insecure = SpecReader.Bool(spec["insecure"]),
            Suspend = SpecReader.Bool(spec["suspend"]),
            ExclusionList = spec["exclusionList"] is JsonArray ? SpecReader.Strings(spec["exclusionList"]) : [@"^.*\.sig$"],
            AccessFrom = spec["accessFrom"] is JsonObject access
                ? SpecReader.Objects(access["namespaceSelectors"]).Select(s => SpecReader.StringMap(s["matchLabels"])).ToList()
                : null,
        };
    }
}
