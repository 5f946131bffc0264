using System.Security.Cryptography;
using System.Text;

namespace Gyre.Sources.Buckets;

/// <summary>
/// The object index a Bucket artifact is built from, and its revision as source-controller computes it
/// (internal/index/digest.go): the SHA-256 of the lines <c>"&lt;key&gt; &lt;etag&gt;\n"</c> in key order.
/// </summary>
public sealed class BucketIndex
{
    private readonly SortedDictionary<string, string> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>The keys in order.</summary>
    public IEnumerable<string> Keys => _entries.Keys;

    public void Add(string key, string etag) => _entries[key] = etag;

    /// <summary><c>sha256:&lt;hex&gt;</c> over the sorted index.</summary>
    public string Revision()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, etag) in _entries)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(key + " " + etag + "\n"));
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
