using System.Text.RegularExpressions;

namespace Gyre.Images.Scanning;

/// <summary>
/// spec.exclusionList: tags matching any of these Go regular expressions are dropped before they are stored; the
/// default drops cosign signature tags (<c>^.*\.sig$</c>). A pattern that does not compile names its list index.
/// </summary>
public sealed class ExclusionList
{
    public static readonly IReadOnlyList<string> Default = [@"^.*\.sig$"];

    private readonly List<Regex> _patterns;

    private ExclusionList(List<Regex> patterns)
    {
        _patterns = patterns;
    }

    public static ExclusionList Compile(IReadOnlyList<string> patterns, string where)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        return new ExclusionList(patterns
            .Select((p, i) => GoRegex.Compile(p, where, $"spec.exclusionList[{i}]", ImageReasons.ReadOperationFailed))
            .ToList());
    }

    /// <summary>The tags no pattern matches, in their original order.</summary>
    public IReadOnlyList<string> Filter(IEnumerable<string> tags) => tags.Where(t => !_patterns.Any(p => p.IsMatch(t))).ToList();
}
