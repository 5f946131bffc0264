using Gyre.Manifests;

namespace Gyre.Apply.Inventory;

/// <summary>One status.inventory.entries[] item: Flux's object id and the applied version.</summary>
public sealed record InventoryEntry(string Id, string Version)
{
    public static InventoryEntry From(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new InventoryEntry(obj.Ref.InventoryId, obj.Version);
    }

    public ObjectRef Ref => ObjectRef.FromInventoryId(Id);
}
