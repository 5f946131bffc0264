namespace Gyre.PostBuild;

/// <summary>
/// The pattern-trimming operators (#, ##, %, %%) as Flux implements them: prefixes tried against a glob (Go's
/// path.Match syntax, where Flux's copy lets '*' and '?' match '/' too); suffix forms reverse both the value and the
/// pattern. A malformed pattern leaves the value unchanged.
/// </summary>
internal static class GlobTrim
{
    public static string Shortest(string s, string pattern)
    {
        string? shortest = null;
        for (var i = 0; i < s.Length; i++)
        {
            var candidate = s[..(s.Length - i)];
            if (!Glob.TryMatch(pattern, candidate, out var match))
            {
                return s;
            }

            if (match)
            {
                shortest = candidate;
            }
        }

        return string.IsNullOrEmpty(shortest) ? s : s[shortest.Length..];
    }

    public static string Longest(string s, string pattern)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var candidate = s[..(s.Length - i)];
            if (!Glob.TryMatch(pattern, candidate, out var match))
            {
                return s;
            }

            if (match)
            {
                return s[candidate.Length..];
            }
        }

        return s;
    }

    public static string ShortestSuffix(string s, string pattern) => Reverse(Shortest(Reverse(s), Reverse(pattern)));

    public static string LongestSuffix(string s, string pattern) => Reverse(Longest(Reverse(s), Reverse(pattern)));

    private static string Reverse(string s)
    {
        var runes = s.EnumerateRunes().ToArray();
        Array.Reverse(runes);
        return string.Concat(runes.Select(r => r.ToString()));
    }
}
