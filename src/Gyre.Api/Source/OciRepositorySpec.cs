using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Manifests;

namespace Gyre.Api.Source;

/// <summary>source.toolkit.fluxcd.io/v1 OCIRepository spec (v1beta2 reads the same).</summary>
public sealed record OciRepositorySpec
{
    public const string Kind = "OCIRepository";

    public required string Url { get; init; }

    public required TimeSpan Interval { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public string? Tag { get; init; }

    public string? Semver { get; init; }

    public string? SemverFilter { get; init; }

    public string? Digest { get; init; }

    /// <summary>layerSelector.mediaType (null: the first layer).</summary>
    public string? LayerMediaType { get; init; }

    /// <summary>layerSelector.operation: extract (default) or copy.</summary>
    public string LayerOperation { get; init; } = "extract";

    /// <summary>provider: generic (default), aws, azure or gcp.</summary>
    public string Provider { get; init; } = "generic";

    /// <summary>secretRef.name: a kubernetes.io/dockerconfigjson Secret.</summary>
    public string? SecretRef { get; init; }

    public string? ServiceAccountName { get; init; }

    /// <summary>certSecretRef.name: tls.crt, tls.key, ca.crt.</summary>
    public string? CertSecretRef { get; init; }

    /// <summary>proxySecretRef.name: address, username, password.</summary>
    public string? ProxySecretRef { get; init; }

    /// <summary>verify.provider when spec.verify is set (cosign or notation).</summary>
    public string? VerifyProvider { get; init; }

    public string? Ignore { get; init; }

    public bool Insecure { get; init; }

    public bool Suspend { get; init; }

    /// <summary>Reads and validates spec; a missing or malformed field is an <see cref="ApiException"/> naming it.</summary>
    public static OciRepositorySpec From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var reader = new SpecReader(obj);
        var spec = reader.Spec;
        var reference = spec["ref"] as JsonObject ?? [];
        var layer = spec["layerSelector"] as JsonObject ?? [];
        var url = reader.Required(spec, "url", "spec.url");
        if (!url.StartsWith("oci://", StringComparison.Ordinal))
        {
            throw new ApiException(reader.Where, "spec.url", $"'{url}' must start with oci://");
        }

        var operation = SpecReader.String(layer["operation"]) ?? "extract";
        if (operation is not ("extract" or "copy"))
        {
            throw new ApiException(reader.Where, "spec.layerSelector.operation", $"'{operation}' is not one of extract, copy");
        }

        var provider = SpecReader.String(spec["provider"]) ?? "generic";
        if (provider is not ("generic" or "aws" or "azure" or "gcp"))
        {
            throw new ApiException(reader.Where, "spec.provider", $"'{provider}' is not one of generic, aws, azure, gcp");
        }

        var digest = SpecReader.String(reference["digest"]);
        if (digest is not null && !(digest.StartsWith("sha256:", StringComparison.Ordinal) && digest.Length == 71 && digest[7..].All(char.IsAsciiHexDigitLower)))
        {
            throw new ApiException(reader.Where, "spec.ref.digest", $"'{digest}' is not a sha256 digest (sha256:<64 lower-case hex>)");
        }

        return new OciRepositorySpec
        {
            Url = url,
            Interval = reader.Duration(spec, "interval", "spec.interval") ?? throw new ApiException(reader.Where, "spec.interval", "is required"),
            Timeout = reader.Duration(spec, "timeout", "spec.timeout") ?? TimeSpan.FromSeconds(60),
            Tag = SpecReader.String(reference["tag"]),
            Semver = SpecReader.String(reference["semver"]),
            SemverFilter = SpecReader.String(reference["semverFilter"]),
            Digest = digest,
            LayerMediaType = SpecReader.String(layer["mediaType"]),
            LayerOperation = operation,
            Provider = provider,
            SecretRef = SpecReader.String(spec["secretRef"]?["name"]),
            ServiceAccountName = SpecReader.String(spec["serviceAccountName"]),
            CertSecretRef = SpecReader.String(spec["certSecretRef"]?["name"]),
            ProxySecretRef = SpecReader.String(spec["proxySecretRef"]?["name"]),
            VerifyProvider = spec["verify"] is JsonObject verify ? SpecReader.String(verify["provider"]) ?? "cosign" : null,
            Ignore = SpecReader.String(spec["ignore"]),
            Insecure = SpecReader.Bool(spec["insecure"]),
            Suspend = SpecReader.Bool(spec["suspend"]),
        };
    }
}
