using System.Text.Json.Nodes;
using Gyre.Api.Meta;
using Gyre.Manifests;

namespace Gyre.Api.Source;

/// <summary>source.toolkit.fluxcd.io/v1 Bucket spec (v1beta2 reads the same).</summary>
public sealed record BucketSpec
{
    public const string Kind = "Bucket";

    /// <summary>provider: generic (default), aws, gcp or azure.</summary>
    public string Provider { get; init; } = "generic";

    public required string BucketName { get; init; }

    /// <summary>endpoint: host[:port] of the object storage.</summary>
    public required string Endpoint { get; init; }

    public required TimeSpan Interval { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>sts.provider when spec.sts is set (aws or ldap).</summary>
    public string? StsProvider { get; init; }

    public bool Insecure { get; init; }

    public string? Region { get; init; }

    public string? Prefix { get; init; }

    /// <summary>secretRef.name: accesskey/secretkey (generic, aws) or the Azure keys.</summary>
    public string? SecretRef { get; init; }

    public string? ServiceAccountName { get; init; }

    /// <summary>certSecretRef.name: ca.crt, tls.crt, tls.key.</summary>
    public string? CertSecretRef { get; init; }

    /// <summary>proxySecretRef.name: address, username, password.</summary>
    public string? ProxySecretRef { get; init; }

    public string? Ignore { get; init; }

    public bool Suspend { get; init; }

    /// <summary>Reads and validates spec; a missing or malformed field is an <see cref="ApiException"/> naming it.</summary>
    public static BucketSpec From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var reader = new SpecReader(obj);
        var spec = reader.Spec;
        var provider = SpecReader.String(spec["provider"]) ?? "generic";
        if (provider is not ("generic" or "aws" or "gcp" or "azure"))
        {
            throw new ApiException(reader.Where, "spec.provider", $"'{provider}' is not one of generic, aws, gcp, azure");
        }

        return new BucketSpec
        {
            Provider = provider,
            BucketName = reader.Required(spec, "bucketName", "spec.bucketName"),
            Endpoint = reader.Required(spec, "endpoint", "spec.endpoint"),
            Interval = reader.Duration(spec, "interval", "spec.interval") ?? throw new ApiException(reader.Where, "spec.interval", "is required"),
            Timeout = reader.Duration(spec, "timeout", "spec.timeout") ?? TimeSpan.FromSeconds(60),
            StsProvider = spec["sts"] is JsonObject sts ? SpecReader.String(sts["provider"]) ?? "" : null,
            Insecure = SpecReader.Bool(spec["insecure"]),
            Region = NonEmpty(SpecReader.String(spec["region"])),
            Prefix = NonEmpty(SpecReader.String(spec["prefix"])),
            SecretRef = SpecReader.String(spec["secretRef"]?["name"]),
            ServiceAccountName = NonEmpty(SpecReader.String(spec["serviceAccountName"])),
            CertSecretRef = SpecReader.String(spec["certSecretRef"]?["name"]),
            ProxySecretRef = SpecReader.String(spec["proxySecretRef"]?["name"]),
            Ignore = SpecReader.String(spec["ignore"]),
            Suspend = SpecReader.Bool(spec["suspend"]),
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
