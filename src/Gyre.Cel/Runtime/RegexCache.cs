using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Gyre.Cel.Values;

namespace Gyre.Cel.Runtime;

/// <summary>
/// The patterns one compiled expression has used, translated from RE2 and compiled once. Matching runs on .NET's
/// non-backtracking engine (linear time, like RE2) with a timeout as a second guard.
/// </summary>
internal sealed class RegexCache
{
    // Bounds memory when an expression builds its patterns from data.
    private const int MaxEntries = 64;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Regex> _compiled = new(StringComparer.Ordinal);

    public bool Matches(string input, string pattern) => Get(pattern).IsMatch(input);

    private Regex Get(string pattern)
    {
        if (_compiled.TryGetValue(pattern, out var regex))
        {
            return regex;
        }

        var translated = Re2.Translate(pattern);
        try
        {
            regex = new Regex(translated, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new CelErrorException($"invalid regular expression '{pattern}': {e.Message}");
        }

        if (_compiled.Count < MaxEntries)
        {
            _compiled.TryAdd(pattern, regex);
        }

        return regex;
    }
}
