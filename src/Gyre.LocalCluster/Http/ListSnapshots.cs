using System.Security.Cryptography;
using Gyre.LocalCluster.Storage;

namespace Gyre.LocalCluster.Http;

/// <summary>
/// What makes paged lists consistent, as etcd's MVCC does for kube-apiserver: the first page of a paged list keeps the
/// resource's objects as of its resourceVersion, and the continue tokens of later pages read from that snapshot, so
/// objects created, changed or deleted between pages do not show. A snapshot lives five minutes (kube-apiserver's
/// compaction interval; at most 256 are kept); after that a continue token gets 410 Expired with a fresh token.
/// </summary>
internal sealed class ListSnapshots(TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(5);
    private const int Capacity = 256;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Snapshot> _snapshots = new(StringComparer.Ordinal);

    /// <summary>Keeps the objects of one list (resource and namespace, before selectors) and returns the snapshot's id.</summary>
    public string Keep(string scope, IReadOnlyList<StoredObject> items, long resourceVersion)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var now = time.GetUtcNow();
        lock (_gate)
        {
            foreach (var expired in _snapshots.Where(s => now - s.Value.Taken >= Retention).Select(s => s.Key).ToList())
            {
                _snapshots.Remove(expired);
            }

            if (_snapshots.Count >= Capacity)
            {
                _snapshots.Remove(_snapshots.MinBy(s => s.Value.Taken).Key);
            }

            _snapshots[id] = new Snapshot(scope, items, resourceVersion, now);
        }

        return id;
    }

    /// <summary>The snapshot a continue token names, if it is still kept and was taken for the same resource and namespace.</summary>
    public (IReadOnlyList<StoredObject> Items, long ResourceVersion)? Find(string id, string scope)
    {
        lock (_gate)
        {
            return _snapshots.TryGetValue(id, out var snapshot) && snapshot.Scope == scope && time.GetUtcNow() - snapshot.Taken < Retention
                ? (snapshot.Items, snapshot.ResourceVersion)
                : null;
        }
    }

    private sealed record Snapshot(string Scope, IReadOnlyList<StoredObject> Items, long ResourceVersion, DateTimeOffset Taken);
}
