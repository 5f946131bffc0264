namespace Gyre.LocalCluster.Storage;

/// <summary>
/// The recent history watches resume from (kube-apiserver's watch cache): a bounded window of events. A watch from
/// a resourceVersion older than the window gets 410 Gone, as after an etcd compaction.
/// </summary>
internal sealed class WatchLog
{
    private readonly Queue<WatchEvent> _events = new();
    private readonly int _capacity;

    public WatchLog(int capacity)
    {
        _capacity = capacity;
    }

    /// <summary>The resourceVersion just before the oldest retained event, or null when nothing is retained.</summary>
    public long? OldestVersion => _events.Count == 0 ? null : _events.Peek().Object.ResourceVersion - 1;

    public void Add(WatchEvent change)
    {
        _events.Enqueue(change);
        while (_events.Count > _capacity)
        {
            _events.Dequeue();
        }
    }

    public IEnumerable<WatchEvent> Since(long version) => _events.Where(e => e.Object.ResourceVersion > version);
}
