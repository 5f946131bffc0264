namespace Gyre.Notifications.Alerts;

/// <summary>An Alert's spec.eventSources entry: kind, name (`*` globs), namespace (default: the Alert's), matchLabels.</summary>
public sealed record EventSource(string Kind, string Name, string? Namespace, IReadOnlyDictionary<string, string> MatchLabels, string? ApiVersion = null)
{
    /// <summary>Whether the name pattern matches: `*` stands for any run of characters, everything else is literal.</summary>
    public bool NameMatches(string name) => Glob(Name.AsSpan(), name.AsSpan());

    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        // Iterative wildcard match with backtracking to the last star: linear in practice, no regex to build.
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
