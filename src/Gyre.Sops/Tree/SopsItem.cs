namespace Gyre.Sops.Tree;

/// <summary>One entry of a mapping: a string key (or a comment standing in the key's place) and its value.</summary>
public sealed class SopsItem(object key, object? value)
{
    /// <summary>A string, or a <see cref="SopsComment"/> for a comment line between entries.</summary>
    public object Key { get; set; } = key;

    /// <summary>A <see cref="SopsBranch"/>, a <see cref="List{T}"/> of values, a string, long, double, bool or null.</summary>
    public object? Value { get; set; } = value;
}
