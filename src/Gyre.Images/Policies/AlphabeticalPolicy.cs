namespace Gyre.Images.Policies;

/// <summary>policy.alphabetical: order asc picks the last tag in byte order (Z of A..Z), desc the first, as Flux sorts.</summary>
internal sealed class AlphabeticalPolicy(bool descending) : ITagPolicy
{
    public string Describe() => $"alphabetical order {(descending ? "desc" : "asc")}";

    public string? Latest(IReadOnlyCollection<string> tags)
    {
        if (tags.Count == 0)
        {
            return null;
        }

        return descending ? tags.Min(StringComparer.Ordinal) : tags.Max(StringComparer.Ordinal);
    }
}
