using Gyre.Api.Meta;
using Gyre.Manifests;

namespace Gyre.Api.Source;

/// <summary>source.toolkit.fluxcd.io/v1 HelmRepository spec (v1beta2 reads the same).</summary>
public sealed record HelmRepositorySpec
{
    public const string Kind = "HelmRepository";

    public required string Url { get; init; }

    /// <summary>type: default (an HTTP/S index.yaml) or oci.</summary>
    public string Type { get; init; } = "default";

    /// <summary>interval; optional in v1, source-controller's internal default is 1m.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>secretRef.name: username and password (and, deprecated, certFile/keyFile/caFile).</summary>
    public string? SecretRef { get; init; }

    /// <summary>certSecretRef.name: tls.crt, tls.key, ca.crt (takes precedence over secretRef's TLS keys).</summary>
    public string? CertSecretRef { get; init; }

    public bool PassCredentials { get; init; }

    public bool Insecure { get; init; }

    /// <summary>provider: generic (default), aws, azure or gcp; only for type oci.</summary>
    public string Provider { get; init; } = "generic";

    public bool Suspend { get; init; }

    /// <summary>Reads and validates spec; a missing or malformed field is an <see cref="ApiException"/> naming it.</summary>
    public static HelmRepositorySpec From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var reader = new SpecReader(obj);
        var spec = reader.Spec;
        var url = reader.Required(spec, "url", "spec.url");
        var type = SpecReader.String(spec["type"]) ?? "default";
        if (type is not ("default" or "oci"))
        {
            throw new ApiException(reader.Where, "spec.type", $"'{type}' is not one of default, oci");
        }

        var expected = type == "oci" ? new[] { "oci://" } : ["http://", "https://"];
        if (!expected.Any(prefix => url.StartsWith(prefix, StringComparison.Ordinal)))
        {
            throw new ApiException(reader.Where, "spec.url", $"'{url}' must start with {string.Join(" or ", expected)} for type {type}");
        }

        var provider = SpecReader.String(spec["provider"]) ?? "generic";
        if (provider is not ("generic" or "aws" or "azure" or "gcp"))
        {
            throw new ApiException(reader.Where, "spec.provider", $"'{provider}' is not one of generic, aws, azure, gcp");
        }

        return new HelmRepositorySpec
        {
            Url = url,
            Type = type,
            Interval = reader.Duration(spec, "interval", "spec.interval") ?? TimeSpan.FromMinutes(1),
            Timeout = reader.Duration(spec, "timeout", "spec.timeout") ?? TimeSpan.FromSeconds(60),
            SecretRef = SpecReader.String(spec["secretRef"]?["name"]),
            CertSecretRef = SpecReader.String(spec["certSecretRef"]?["name"]),
            PassCredentials = SpecReader.Bool(spec["passCredentials"]),
            Insecure = SpecReader.Bool(spec["insecure"]),
            Provider = provider,
            Suspend = SpecReader.Bool(spec["suspend"]),
        };
    }
}
