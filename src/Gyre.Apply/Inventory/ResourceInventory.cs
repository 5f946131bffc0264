using System.Text.Json.Nodes;
using Gyre.Manifests;

namespace Gyre.Apply.Inventory;

/// <summary>
/// What a Kustomization applied (status.inventory): entries sorted by id as Flux stores them, and the difference
/// that tells pruning what left the source.
/// </summary>
public sealed class ResourceInventory
{
    public ResourceInventory(IEnumerable<InventoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries.DistinctBy(e => e.Id).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<InventoryEntry> Entries { get; }

    public static ResourceInventory Empty { get; } = new([]);

    public static ResourceInventory From(IEnumerable<KubeObject> objects) => new(objects.Select(InventoryEntry.From));

    /// <summary>Reads status.inventory from a Kustomization or HelmRelease; absent means empty.</summary>
    public static ResourceInventory Read(JsonNode? inventory)
    {
        var entries = (inventory?["entries"] as JsonArray)?.OfType<JsonObject>()
            .Select(e => new InventoryEntry(e["id"]?.GetValue<string>() ?? string.Empty, e["v"]?.GetValue<string>() ?? string.Empty))
            .Where(e => e.Id.Length > 0);
        return new ResourceInventory(entries ?? []);
    }

    /// <summary>Objects in this inventory that the newer one no longer has: the prune candidates.</summary>
    public IReadOnlyList<InventoryEntry> Removed(ResourceInventory newer)
    {
        ArgumentNullException.ThrowIfNull(newer);
        var kept = newer.Entries.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        return Entries.Where(e => !kept.Contains(e.Id)).ToList();
    }

    /// <summary>The status.inventory JSON: {"entries":[{"id":..., "v":...}]}.</summary>
    public JsonObject ToJson() => new()
    {
        ["entries"] = new JsonArray(Entries.Select(e => (JsonNode)new JsonObject { ["id"] = e.Id, ["v"] = e.Version }).ToArray()),
    };
}
