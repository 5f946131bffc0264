namespace Gyre.PostBuild;

/// <summary>
/// Glob matching with Go's path.Match syntax: '*' any sequence, '?' one character, '[...]' classes with '^'
/// negation and ranges, '\' escapes. Unlike path.Match, '*' and '?' also match '/', as in Flux's envsubst.
/// </summary>
internal static class Glob
{
    /// <summary>False when the pattern is malformed.</summary>
    public static bool TryMatch(string pattern, string name, out bool match)
    {
        match = false;
        if (!IsWellFormed(pattern))
        {
            return false;
        }

        match = Match(pattern, 0, name, 0);
        return true;
    }

    private static bool Match(string p, int pi, string s, int si)
    {
        while (pi < p.Length)
        {
            switch (p[pi])
            {
                case '*':
                    while (pi < p.Length && p[pi] == '*')
                    {
                        pi++;
                    }

                    if (pi == p.Length)
                    {
                        return true;
                    }

                    for (var k = si; k <= s.Length; k++)
                    {
                        if (Match(p, pi, s, k))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (si >= s.Length)
                    {
                        return false;
                    }

                    pi++;
                    si++;
                    break;
                case '[':
                    if (si >= s.Length || !MatchClass(p, ref pi, s[si]))
                    {
                        return false;
                    }

                    si++;
                    break;
                default:
                    var literal = p[pi] == '\\' ? p[++pi] : p[pi];
                    if (si >= s.Length || s[si] != literal)
                    {
                        return false;
                    }

                    pi++;
                    si++;
                    break;
            }
        }

        return si == s.Length;
    }

    private static bool MatchClass(string p, ref int pi, char c)
    {
        pi++;
        var negated = p[pi] == '^';
        if (negated)
        {
            pi++;
        }

        var matched = false;
        var first = true;
        while (first || p[pi] != ']')
        {
            first = false;
            var lo = p[pi] == '\\' ? p[++pi] : p[pi];
            pi++;
            var hi = lo;
            if (p[pi] == '-' && p[pi + 1] != ']')
            {
                pi++;
                hi = p[pi] == '\\' ? p[++pi] : p[pi];
                pi++;
            }

            matched |= lo <= c && c <= hi;
        }

        pi++;
        return matched != negated;
    }

    private static bool IsWellFormed(string p)
    {
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == '\\')
            {
                if (++i >= p.Length)
                {
                    return false;
                }
            }
            else if (p[i] == '[')
            {
                i++;
                if (i < p.Length && p[i] == '^')
                {
                    i++;
                }

                var count = 0;
                while (i < p.Length && (p[i] != ']' || count == 0))
                {
                    if (p[i] == '\\' && ++i >= p.Length)
                    {
                        return false;
                    }

                    i++;
                    count++;
                }

                if (i >= p.Length)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
