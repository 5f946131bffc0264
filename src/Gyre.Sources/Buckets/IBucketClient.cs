namespace Gyre.Sources.Buckets;

/// <summary>The object-storage operations a Bucket reconcile needs, one implementation per provider API.</summary>
public interface IBucketClient : IDisposable
{
    /// <summary>The bucket as errors name it (scheme://endpoint/bucket; never credentials).</summary>
    string Location { get; }

    /// <summary>Whether the bucket exists and the credentials may see it (S3 HeadBucket).</summary>
    Task<bool> BucketExistsAsync(CancellationToken cancellationToken);

    /// <summary>Every object below <paramref name="prefix"/> (all pages).</summary>
    Task<IReadOnlyList<BucketObject>> ListAsync(string? prefix, CancellationToken cancellationToken);

    /// <summary>Downloads one object into <paramref name="destination"/>; false when the object does not exist.</summary>
    Task<bool> DownloadAsync(string key, Stream destination, CancellationToken cancellationToken);
}
