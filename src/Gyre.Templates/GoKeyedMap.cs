namespace Gyre.Templates;

/// <summary>
/// A Go map whose keys are not strings (a struct-keyed map such as Flux's <c>map[ObjectIdentifier][]Change</c>):
/// <c>range</c> visits the entries in the order given, which the host supplies already in Go's fmtsort order
/// (struct keys compare field by field), and binds the key (typically a <see cref="GoObject"/>) to the range variable.
/// </summary>
public sealed class GoKeyedMap(string goType, IReadOnlyList<KeyValuePair<object, object?>> entries)
{
    /// <summary>The Go type printed by %T, e.g. <c>map[update.ObjectIdentifier][]update.Change</c>.</summary>
    public string GoType { get; } = goType;

    /// <summary>The entries in iteration order.</summary>
    public IReadOnlyList<KeyValuePair<object, object?>> Entries { get; } = entries;
}
