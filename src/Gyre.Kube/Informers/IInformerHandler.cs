using System.Text.Json.Nodes;

namespace Gyre.Kube.Informers;

/// <summary>
/// Receives an informer's notifications, in order, one at a time (client-go <c>ResourceEventHandler</c>).
/// Objects are the cache's own: read them, never mutate them.
/// </summary>
public interface IInformerHandler
{
    /// <summary>An object appeared (from the initial list, a relist, or a watch).</summary>
    void OnAdd(JsonObject obj, bool isInInitialList);

    /// <summary>An object changed; on resync <paramref name="oldObj"/> and <paramref name="newObj"/> are the same object.</summary>
    void OnUpdate(JsonObject oldObj, JsonObject newObj);

    /// <summary>An object was deleted (or vanished between a watch gap and the relist that followed).</summary>
    void OnDelete(JsonObject obj);
}
