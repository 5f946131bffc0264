namespace Gyre.ImageAutomation.Setters;

/// <summary>
/// What a setters run changed, in Flux's model (update.ResultV2): per file (path relative to the checkout, '/'
/// separated, ordinal order), per object, the changes in document order. <see cref="Objects"/> and
/// <see cref="Changes"/> are the same data merged across files, as ResultV2.Objects() and Changes() return it.
/// </summary>
public sealed record UpdateResult(IReadOnlyDictionary<string, IReadOnlyDictionary<ObjectIdentifier, IReadOnlyList<Change>>> FileChanges)
{
    public static UpdateResult Empty { get; } = new(new SortedDictionary<string, IReadOnlyDictionary<ObjectIdentifier, IReadOnlyList<Change>>>(StringComparer.Ordinal));

    /// <summary>Changes per object over all files (an object appearing in two files gets both files' changes).</summary>
    public IReadOnlyDictionary<ObjectIdentifier, IReadOnlyList<Change>> Objects
    {
        get
        {
            var objects = new SortedDictionary<ObjectIdentifier, List<Change>>(ObjectIdentifier.Order);
            foreach (var (_, perObject) in FileChanges)
            {
                foreach (var (id, changes) in perObject)
                {
                    if (!objects.TryGetValue(id, out var list))
                    {
                        objects[id] = list = [];
                    }

                    list.AddRange(changes);
                }
            }

            return objects.ToDictionary(p => p.Key, p => (IReadOnlyList<Change>)p.Value);
        }
    }

    /// <summary>Every change, file by file in path order.</summary>
    public IReadOnlyList<Change> Changes => [.. FileChanges.Values.SelectMany(o => o.OrderBy(p => p.Key, ObjectIdentifier.Order).SelectMany(p => p.Value))];

    public bool IsEmpty => FileChanges.Count == 0;
}
