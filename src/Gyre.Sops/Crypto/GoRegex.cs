using System.Text.RegularExpressions;

namespace Gyre.Sops.Crypto;

/// <summary>
/// sops's regexes are Go RE2; the common subset behaves the same in .NET with culture-invariant, non-backtracking
/// matching (linear time, like RE2). The BCL caches the compiled patterns.
/// </summary>
internal static class GoRegex
{
    public static bool IsMatch(string input, string pattern)
    {
        try
        {
            return Regex.IsMatch(input, pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (ArgumentException ex)
        {
            throw new SopsException($"invalid regular expression '{pattern}': {ex.Message}");
        }
    }
}
