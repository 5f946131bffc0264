namespace Gyre.Sources.Buckets;

/// <summary>
/// The headers a signed request carries (Authorization, x-amz-date, x-amz-content-sha256 and, with a session token,
/// x-amz-security-token) and the canonical request they were computed from, for diagnosing a SignatureDoesNotMatch.
/// </summary>
public sealed record SigV4Signature(IReadOnlyList<KeyValuePair<string, string>> Headers, string CanonicalRequest)
{
    /// <summary>The Authorization header's value.</summary>
    public string Authorization => Headers.First(h => h.Key == "Authorization").Value;
}
