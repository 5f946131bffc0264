using System.Net;

namespace Gyre.Sources.Buckets;

/// <summary>How to reach an S3-compatible endpoint: Bucket spec.endpoint/insecure/region and the Secrets' contents.</summary>
public sealed record S3ClientOptions
{
    /// <summary>spec.endpoint: host[:port] (an http:// or https:// prefix is accepted and must agree with <see cref="Insecure"/>).</summary>
    public required string Endpoint { get; init; }

    public required string BucketName { get; init; }

    /// <summary>spec.insecure: plain http instead of https.</summary>
    public bool Insecure { get; init; }

    /// <summary>The signing region (spec.region; us-east-1 when unset).</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>
    /// Whether <see cref="Region"/> came from spec.region; when false the region a HeadBucket answer names
    /// (<c>x-amz-bucket-region</c>) replaces it.
    /// </summary>
    public bool RegionPinned { get; init; }

    /// <summary>Null means anonymous requests (no Authorization header).</summary>
    public AwsCredentials? Credentials { get; init; }

    public byte[]? CaCertificate { get; init; }

    public byte[]? ClientCertificate { get; init; }

    public byte[]? ClientKey { get; init; }

    public IWebProxy? Proxy { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
