namespace Gyre.Sources.Buckets;

/// <summary>
/// The parts of an HTTP request that AWS Signature Version 4 covers. <see cref="Path"/> is the path exactly as it is
/// sent (already percent-encoded, see <see cref="SigV4Signer.EncodePath"/>): S3 signs it without normalising it.
/// Query parameters are given decoded; the signer encodes and sorts them.
/// </summary>
public sealed record SigV4Request
{
    public required string Method { get; init; }

    /// <summary>The Host header: host, plus <c>:port</c> when it is not the scheme's default.</summary>
    public required string Host { get; init; }

    public required string Path { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>Further headers to sign (for example Range); host and the x-amz-* headers are added by the signer.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The hex SHA-256 of the body, or <see cref="SigV4Signer.UnsignedPayload"/>.</summary>
    public string PayloadHash { get; init; } = SigV4Signer.EmptyPayloadHash;
}
