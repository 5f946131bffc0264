namespace Gyre.Sops.Tree;

/// <summary>An ordered mapping, as sops's TreeBranch: order matters because the MAC covers values in document order.</summary>
public sealed class SopsBranch : List<SopsItem>
{
    public SopsBranch()
    {
    }

    public SopsBranch(IEnumerable<SopsItem> items)
        : base(items)
    {
    }

    /// <summary>The value under a string key, or null when absent.</summary>
    public object? Get(string key) => Find(key)?.Value;

    /// <summary>The entry with a string key, or null.</summary>
    public SopsItem? Find(string key)
    {
        foreach (var item in this)
        {
            if (item.Key is string k && string.Equals(k, key, StringComparison.Ordinal))
            {
                return item;
            }
        }

        return null;
    }

    /// <summary>Adds or replaces the value under a key.</summary>
    public void Set(string key, object? value)
    {
        var item = Find(key);
        if (item is null)
        {
            Add(new SopsItem(key, value));
        }
        else
        {
            item.Value = value;
        }
    }
}
