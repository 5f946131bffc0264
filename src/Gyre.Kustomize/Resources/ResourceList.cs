namespace Gyre.Kustomize.Resources;

/// <summary>The ordered set of objects in a build (kustomize's ResMap): insertion order, unique current ids.</summary>
internal sealed class ResourceList
{
    private readonly List<Resource> _items = [];

    public IReadOnlyList<Resource> Items => _items;

    public int Count => _items.Count;

    public void Add(Resource resource, string where) => AddRange([resource], where);

    public void AddAll(ResourceList other, string where) => AddRange(other.Items, where);

    /// <summary>Appends resources, failing on an id already present (kustomize's resWrangler.Append).</summary>
    public void AddRange(IEnumerable<Resource> resources, string where)
    {
        // Names are cheap to read; full ids are compared only among objects sharing a name.
        var byName = _items.ToLookup(r => r.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.CurrentId).ToList(), StringComparer.Ordinal);
        foreach (var resource in resources)
        {
            var id = resource.CurrentId;
            if (!byName.TryGetValue(id.Name, out var sameName))
            {
                byName[id.Name] = sameName = [];
            }

            if (sameName.Contains(id))
            {
                throw new KustomizeException(where, id.Display, null,
                    $"may not add resource with an already registered id: {id}; remove the duplicate or give one of them another name");
            }

            sameName.Add(id);
            _items.Add(resource);
        }
    }

    public void Replace(Resource existing, Resource replacement)
    {
        _items[_items.IndexOf(existing)] = replacement;
    }

    public void Remove(Resource resource) => _items.Remove(resource);

    public void Reorder(IEnumerable<Resource> order)
    {
        var list = order.ToList();
        _items.Clear();
        _items.AddRange(list);
    }
}
