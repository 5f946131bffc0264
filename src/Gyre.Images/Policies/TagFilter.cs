using System.Text.RegularExpressions;

namespace Gyre.Images.Policies;

/// <summary>
/// spec.filterTags: keeps the tags matching <c>pattern</c> and, with <c>extract</c>, ranks the expansion of it (e.g.
/// <c>$ts</c> from <c>^main-[a-f0-9]+-(?P&lt;ts&gt;[0-9]+)</c>) while reporting the original tag, as Flux's RegexFilter.
/// </summary>
internal sealed class TagFilter(Regex pattern, string? extract)
{
    public string Pattern => pattern.ToString();

    /// <summary>Ranked value → original tag; when two tags extract the same value the later one in the list wins.</summary>
    public IReadOnlyDictionary<string, string> Apply(IEnumerable<string> tags)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var match = pattern.Match(tag);
            if (match.Success)
            {
                kept[string.IsNullOrEmpty(extract) ? tag : GoRegex.Expand(pattern, match, extract)] = tag;
            }
        }

        return kept;
    }
}
