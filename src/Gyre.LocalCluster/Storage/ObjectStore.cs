using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Gyre.LocalCluster.Storage;

/// <summary>
/// Durable object storage: SQLite in WAL mode with one transaction per write, mirrored in memory for reads, lists
/// and watches. resourceVersion is one global counter kept in the database, so it keeps increasing across restarts
/// (etcd's revision plays this role in kube-apiserver).
/// </summary>
internal sealed class ObjectStore : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, StoredObject>> _objects = new(StringComparer.Ordinal);
    private readonly WatchLog _log;
    private readonly List<WatchSubscription> _subscriptions = [];
    private bool _watchesClosed;
    private readonly HashSet<string> _collectable = new(StringComparer.Ordinal);
    private long _resourceVersion;

    private ObjectStore(SqliteConnection db, int watchLogCapacity)
    {
        _db = db;
        _log = new WatchLog(watchLogCapacity);
    }

    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>The oldest resourceVersion a watch may still start from; older ones get 410 Gone.</summary>
    public long OldestWatchableVersion
    {
        get
        {
            lock (_gate)
            {
                return _log.OldestVersion ?? _resourceVersion;
            }
        }
    }

    public static ObjectStore Open(string path, int watchLogCapacity)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        Execute(db, "PRAGMA journal_mode=WAL;");

        // NORMAL in WAL mode syncs at checkpoints: a committed transaction survives a process kill (kill -9), which
        // is the durability the local cluster promises; FULL would also cover power loss at twice the cost per write.
        Execute(db, "PRAGMA synchronous=NORMAL;");
        Execute(db, "CREATE TABLE IF NOT EXISTS objects (key TEXT NOT NULL, ns TEXT NOT NULL, name TEXT NOT NULL, rv INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (key, ns, name));");
        Execute(db, "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);");
        var store = new ObjectStore(db, watchLogCapacity);
        store.Load();
        return store;
    }

    /// <summary>
    /// Whether any object has ownerReferences or a deletionTimestamp: the only objects the garbage collector and
    /// finalizers care about, tracked at commit so the collector need not scan the store after every write.
    /// </summary>
    public bool HasCollectableObjects
    {
        get
        {
            lock (_gate)
            {
                return _collectable.Count > 0;
            }
        }
    }

    public StoredObject? Get(string key, string ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue(key, out var map) && map.TryGetValue(ObjectKey(ns, name), out var obj) ? obj : null;
        }
    }

    /// <summary>A consistent snapshot of a resource's objects (one namespace, or all when ns is null), in name order.</summary>
    public (IReadOnlyList<StoredObject> Items, long ResourceVersion) List(string key, string? ns)
    {
        lock (_gate)
        {
            if (!_objects.TryGetValue(key, out var map))
            {
                return ([], _resourceVersion);
            }

            var items = ns is null ? [.. map.Values] : map.Values.Where(o => o.Namespace == ns).ToList();
            return (items, _resourceVersion);
        }
    }

    /// <summary>All objects of every resource (for garbage collection and namespace deletion).</summary>
    public IReadOnlyList<StoredObject> ListAll()
    {
        lock (_gate)
        {
            return [.. _objects.Values.SelectMany(m => m.Values)];
        }
    }

    /// <summary>
    /// Runs a read-modify-write under the store's single writer lock and commits what it staged in one SQLite
    /// transaction; watchers see the changes only after the commit.
    /// </summary>
    public T Write<T>(Func<StoreTransaction, T> body)
    {
        lock (_gate)
        {
            var tx = new StoreTransaction(this, _resourceVersion);
            var result = body(tx);
            if (tx.Changes.Count > 0)
            {
                Commit(tx);
            }

            return result;
        }
    }

    /// <summary>Subscribes to changes after <paramref name="fromVersion"/>, replaying retained events atomically with the subscription.</summary>
    public WatchSubscription Subscribe(string key, string? ns, long fromVersion, out IReadOnlyList<WatchEvent> replay)
    {
        lock (_gate)
        {
            if (fromVersion < (_log.OldestVersion ?? _resourceVersion))
            {
                throw Api.ApiStatusException.Gone($"too old resource version: {fromVersion} ({_log.OldestVersion ?? _resourceVersion})");
            }

            var sub = new WatchSubscription(this, key, ns);
            replay = fromVersion >= _resourceVersion ? [] : _log.Since(fromVersion).Where(e => sub.Matches(e.Object)).ToList();
            Add(sub);
            return sub;
        }
    }

    /// <summary>Subscribes and returns the current objects as of the subscription (for watches that start with ADDED events).</summary>
    public WatchSubscription SubscribeWithSnapshot(string key, string? ns, out IReadOnlyList<StoredObject> snapshot, out long version)
    {
        lock (_gate)
        {
            (snapshot, version) = List(key, ns);
            var sub = new WatchSubscription(this, key, ns);
            Add(sub);
            return sub;
        }
    }

    /// <summary>Ends every watch (their event queues complete, so streams finish) and every later one at once: the server is stopping.</summary>
    public void CloseWatches()
    {
        lock (_gate)
        {
            _watchesClosed = true;
            foreach (var sub in _subscriptions)
            {
                sub.Events.Writer.TryComplete();
            }
        }
    }

    public void Unsubscribe(WatchSubscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Remove(subscription);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var sub in _subscriptions)
            {
                sub.Events.Writer.TryComplete();
            }

            _subscriptions.Clear();
            _db.Dispose();
        }
    }

    private void Add(WatchSubscription sub)
    {
        _subscriptions.Add(sub);
        if (_watchesClosed)
        {
            sub.Events.Writer.TryComplete();
        }
    }

    internal StoredObject? Peek(string key, string ns, string name) =>
        _objects.TryGetValue(key, out var map) && map.TryGetValue(ObjectKey(ns, name), out var obj) ? obj : null;

    internal IEnumerable<StoredObject> PeekAll(string key) =>
        _objects.TryGetValue(key, out var map) ? map.Values : [];

    internal IEnumerable<StoredObject> PeekEverything() => _objects.Values.SelectMany(m => m.Values);

    private static string ObjectKey(string ns, string name) => ns + "/" + name;

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private void Load()
    {
        using (var cmd = _db.CreateCommand())
        {
            cmd.CommandText = "SELECT value FROM meta WHERE name = 'rv';";
            _resourceVersion = cmd.ExecuteScalar() is long rv ? rv : 0;
        }

        using var list = _db.CreateCommand();
        list.CommandText = "SELECT key, ns, name, rv, data FROM objects;";
        using var reader = list.ExecuteReader();
        while (reader.Read())
        {
            var data = (byte[])reader.GetValue(4);
            var node = JsonNode.Parse(data)!.AsObject();
            var obj = new StoredObject(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), node, data);
            Index(obj);
        }
    }

    private void Index(StoredObject obj)
    {
        if (!_objects.TryGetValue(obj.Key, out var map))
        {
            map = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
            _objects[obj.Key] = map;
        }

        map[ObjectKey(obj.Namespace, obj.Name)] = obj;
        var meta = obj.Object["metadata"];
        if (meta?["ownerReferences"] is System.Text.Json.Nodes.JsonArray { Count: > 0 } || meta?["deletionTimestamp"] is not null)
        {
            _collectable.Add(obj.Key + "/" + ObjectKey(obj.Namespace, obj.Name));
        }
        else
        {
            _collectable.Remove(obj.Key + "/" + ObjectKey(obj.Namespace, obj.Name));
        }
    }

    private void Commit(StoreTransaction tx)
    {
        using (var transaction = _db.BeginTransaction())
        {
            foreach (var change in tx.Changes)
            {
                using var cmd = _db.CreateCommand();
                cmd.Transaction = transaction;
                if (change.Type == WatchEvent.Deleted)
                {
                    cmd.CommandText = "DELETE FROM objects WHERE key = $k AND ns = $ns AND name = $n;";
                }
                else
                {
                    cmd.CommandText = "INSERT OR REPLACE INTO objects (key, ns, name, rv, data) VALUES ($k, $ns, $n, $rv, $d);";
                    cmd.Parameters.AddWithValue("$rv", change.Object.ResourceVersion);
                    cmd.Parameters.AddWithValue("$d", change.Object.Json);
                }

                cmd.Parameters.AddWithValue("$k", change.Object.Key);
                cmd.Parameters.AddWithValue("$ns", change.Object.Namespace);
                cmd.Parameters.AddWithValue("$n", change.Object.Name);
                cmd.ExecuteNonQuery();
            }

            using var meta = _db.CreateCommand();
            meta.Transaction = transaction;
            meta.CommandText = "INSERT OR REPLACE INTO meta (name, value) VALUES ('rv', $v);";
            meta.Parameters.AddWithValue("$v", tx.ResourceVersion);
            meta.ExecuteNonQuery();
            transaction.Commit();
        }

        _resourceVersion = tx.ResourceVersion;
        foreach (var change in tx.Changes)
        {
            if (change.Type == WatchEvent.Deleted)
            {
                _objects[change.Object.Key].Remove(ObjectKey(change.Object.Namespace, change.Object.Name));
                _collectable.Remove(change.Object.Key + "/" + ObjectKey(change.Object.Namespace, change.Object.Name));
            }
            else
            {
                Index(change.Object);
            }

            _log.Add(change);
            foreach (var sub in _subscriptions)
            {
                if (sub.Matches(change.Object))
                {
                    sub.Events.Writer.TryWrite(change);
                }
            }
        }
    }

    internal static byte[] Serialize(JsonObject obj) => JsonSerializer.SerializeToUtf8Bytes(obj, JsonContext.Options);
}
