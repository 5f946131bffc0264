using System.Threading.Channels;

namespace Gyre.LocalCluster.Storage;

/// <summary>A watcher's queue of events for one resource (optionally one namespace), fed by the store after each commit.</summary>
internal sealed class WatchSubscription : IDisposable
{
    private readonly ObjectStore _store;

    public WatchSubscription(ObjectStore store, string key, string? ns)
    {
        _store = store;
        Key = key;
        Namespace = ns;
    }

    public string Key { get; }

    public string? Namespace { get; }

    public Channel<WatchEvent> Events { get; } = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });

    public bool Matches(StoredObject obj) => obj.Key == Key && (Namespace is null || obj.Namespace == Namespace);

    public void Dispose()
    {
        _store.Unsubscribe(this);
        Events.Writer.TryComplete();
    }
}
