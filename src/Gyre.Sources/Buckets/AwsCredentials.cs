namespace Gyre.Sources.Buckets;

/// <summary>An access key pair (and an optional STS session token) that signs S3 requests; never printed.</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Only the access key id: the secret and the token stay out of logs, events and exception messages.</summary>
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
