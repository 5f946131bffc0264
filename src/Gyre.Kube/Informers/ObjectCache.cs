using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Gyre.Kube.Informers;

/// <summary>
/// An informer's store: the latest state of every object it watches, keyed <c>namespace/name</c> (or <c>name</c>
/// for cluster-scoped objects) as client-go's <c>MetaNamespaceKeyFunc</c>. Shared by every reader; never mutate
/// returned objects.
/// </summary>
public sealed class ObjectCache
{
    private readonly ConcurrentDictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);

    /// <summary>The number of objects.</summary>
    public int Count => _objects.Count;

    /// <summary>The key of an object.</summary>
    public static string KeyOf(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var ns = (string?)obj["metadata"]?["namespace"];
        var name = (string?)obj["metadata"]?["name"] ?? string.Empty;
        return string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}";
    }

    /// <summary>Reads an object by namespace and name.</summary>
    public JsonObject? Get(string? ns, string name) => _objects.GetValueOrDefault(string.IsNullOrEmpty(ns) ? name : $"{ns}/{name}");

    /// <summary>Every object, in key order.</summary>
    public IReadOnlyList<JsonObject> List() => Sorted(_objects.ToArray());

    /// <summary>Every object in no particular order, without sorting or copying: for scans run on every event.</summary>
    public IEnumerable<JsonObject> Values => _objects.Select(p => p.Value);

    /// <summary>The objects of one namespace.</summary>
    public IReadOnlyList<JsonObject> List(string ns)
    {
        var prefix = ns + "/";
        return Sorted(_objects.ToArray().Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).ToArray());
    }

    // Sorts a snapshot, never the live dictionary: LINQ sizes its result from the dictionary's count and then
    // enumerates it again, which overruns when the watch adds an object in between (IndexOutOfRangeException).
    private static JsonObject[] Sorted(KeyValuePair<string, JsonObject>[] snapshot)
    {
        Array.Sort(snapshot, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return Array.ConvertAll(snapshot, static p => p.Value);
    }

    internal JsonObject? Upsert(JsonObject obj)
    {
        var key = KeyOf(obj);
        JsonObject? old = null;
        _objects.AddOrUpdate(key, obj, (_, existing) =>
        {
            old = existing;
            return obj;
        });
        return old;
    }

    internal JsonObject? Remove(JsonObject obj) => _objects.TryRemove(KeyOf(obj), out var old) ? old : null;

    internal IReadOnlyCollection<string> Keys => _objects.Keys.ToList();

    internal JsonObject? GetByKey(string key) => _objects.GetValueOrDefault(key);

    internal JsonObject? RemoveKey(string key) => _objects.TryRemove(key, out var old) ? old : null;
}
