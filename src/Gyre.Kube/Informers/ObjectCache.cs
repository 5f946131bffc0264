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
    public IReadOnlyList<JsonObject> List() => _objects.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();

    /// <summary>Every object in no particular order, without sorting or copying: for scans run on every event.</summary>
    public IEnumerable<JsonObject> Values => _objects.Select(p => p.Value);

    /// <summary>The objects of one namespace.</summary>
    public IReadOnlyList<JsonObject> List(string ns) =>
        _objects.Where(p => p.Key.StartsWith(ns + "/", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToList();

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
