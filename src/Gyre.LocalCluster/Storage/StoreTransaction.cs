using System.Text.Json.Nodes;

namespace Gyre.LocalCluster.Storage;

/// <summary>
/// The staged changes of one write. Each Put/Delete takes the next resourceVersion and writes it into the object's
/// metadata, the way kube-apiserver reports etcd's revision of the write.
/// </summary>
internal sealed class StoreTransaction
{
    private readonly ObjectStore _store;
    private readonly Dictionary<string, StoredObject?> _staged = new(StringComparer.Ordinal);

    public StoreTransaction(ObjectStore store, long resourceVersion)
    {
        _store = store;
        ResourceVersion = resourceVersion;
    }

    public long ResourceVersion { get; private set; }

    public List<WatchEvent> Changes { get; } = [];

    public StoredObject? Get(string key, string ns, string name) =>
        _staged.TryGetValue(StageKey(key, ns, name), out var staged) ? staged : _store.Peek(key, ns, name);

    public IEnumerable<StoredObject> All(string key) => _store.PeekAll(key).Select(o => Get(o.Key, o.Namespace, o.Name)).OfType<StoredObject>();

    public IEnumerable<StoredObject> Everything() => _store.PeekEverything().Select(o => Get(o.Key, o.Namespace, o.Name)).OfType<StoredObject>();

    /// <summary>Stores <paramref name="obj"/> (which the caller hands over and must not touch again) at a new resourceVersion.</summary>
    public StoredObject Put(string key, string ns, string name, JsonObject obj, bool created)
    {
        ResourceVersion++;
        var metadata = obj["metadata"]!.AsObject();
        metadata["resourceVersion"] = ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stored = Canonical(key, ns, name, obj);
        _staged[StageKey(key, ns, name)] = stored;
        Changes.Add(new WatchEvent(created ? WatchEvent.Added : WatchEvent.Modified, stored));
        return stored;
    }

    /// <summary>Removes an object; the DELETED event carries the object at a new resourceVersion.</summary>
    public StoredObject Delete(StoredObject current)
    {
        ResourceVersion++;
        var obj = current.Object.DeepClone().AsObject();
        obj["metadata"]!["resourceVersion"] = ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var stored = Canonical(current.Key, current.Namespace, current.Name, obj);
        _staged[StageKey(current.Key, current.Namespace, current.Name)] = null;
        Changes.Add(new WatchEvent(WatchEvent.Deleted, stored));
        return stored;
    }

    /// <summary>
    /// Stores the object as parsed from its own serialization, so every number reads back the same way
    /// (a value written as int in memory must read as long too) and readers share no node with the writer.
    /// </summary>
    private StoredObject Canonical(string key, string ns, string name, JsonObject obj)
    {
        var bytes = ObjectStore.Serialize(obj);
        return new StoredObject(key, ns, name, ResourceVersion, JsonNode.Parse(bytes)!.AsObject(), bytes);
    }

    private static string StageKey(string key, string ns, string name) => key + "|" + ns + "|" + name;
}
