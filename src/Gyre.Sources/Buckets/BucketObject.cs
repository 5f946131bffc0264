namespace Gyre.Sources.Buckets;

/// <summary>One listed object: its key and its ETag without quotes (as minio-go reports it).</summary>
public sealed record BucketObject(string Key, string ETag);
