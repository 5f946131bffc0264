using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Gyre.Sops.Crypto;

/// <summary>sops's regexes are Go RE2; the common subset behaves the same in .NET with culture-invariant, non-backtracking matching.</summary>
internal static class GoRegex
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static bool IsMatch(string input, string pattern)
    {
        var regex = Cache.GetOrAdd(pattern, p =>
        {
            try
            {
                return new Regex(p, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            }
            catch (ArgumentException ex)
            {
                throw new SopsException($"invalid regular expression '{p}': {ex.Message}");
            }
        });
        return regex.IsMatch(input);
    }
}
