using NuGet.Versioning;

namespace Gyre.Sources.Semver;

/// <summary>
/// A version range in the syntax of Masterminds/semver v3, which Flux uses for ref.semver: comparisons
/// (<c>= != &gt; &lt; &gt;= &lt;=</c>), tilde (<c>~1.2</c>), caret (<c>^1.2</c>), wildcards (<c>1.2.x</c>, <c>*</c>),
/// hyphen ranges (<c>1.2 - 1.4.5</c>), AND by space or comma, OR by <c>||</c>. As Masterminds does, a pre-release
/// version only matches when a comparator of the same group names a pre-release.
/// </summary>
public sealed class SemverConstraint
{
    private readonly IReadOnlyList<IReadOnlyList<Comparator>> _groups;

    private SemverConstraint(string text, IReadOnlyList<IReadOnlyList<Comparator>> groups)
    {
        Text = text;
        _groups = groups;
    }

    /// <summary>The original constraint text.</summary>
    public string Text { get; }

    /// <summary>Parses a constraint; throws <see cref="FormatException"/> with the offending part.</summary>
    public static SemverConstraint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var groups = new List<IReadOnlyList<Comparator>>();
        foreach (var orPart in text.Split("||"))
        {
            groups.Add(ParseGroup(orPart.Trim(), text));
        }

        return new SemverConstraint(text, groups);
    }

    /// <summary>Whether <paramref name="version"/> satisfies the constraint.</summary>
    public bool IsSatisfiedBy(SemanticVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return _groups.Any(group =>
            (!version.IsPrerelease || group.Any(c => c.Version.IsPrerelease)) && group.All(c => c.Matches(version)));
    }

    /// <summary>Masterminds' lenient version parse: optional <c>v</c>, missing minor/patch are 0.</summary>
    public static bool TryParseVersion(string text, out SemanticVersion version)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.StartsWith('v') || text.StartsWith('V') ? text[1..] : text;
        var cut = t.IndexOfAny(['-', '+']);
        var core = cut < 0 ? t : t[..cut];
        var rest = cut < 0 ? "" : t[cut..];
        var parts = core.Split('.');
        if (parts.Length is < 1 or > 3 || parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)))
        {
            version = null!;
            return false;
        }

        var padded = string.Join('.', parts.Concat(Enumerable.Repeat("0", 3 - parts.Length)));
        return SemanticVersion.TryParse(padded + rest, out version!);
    }

    private static List<Comparator> ParseGroup(string group, string whole)
    {
        var comparators = new List<Comparator>();
        var tokens = Tokenize(group);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i + 2 < tokens.Count && tokens[i + 1] == "-")
            {
                comparators.AddRange(Comparator.Hyphen(tokens[i], tokens[i + 2], whole));
                i += 2;
                continue;
            }

            comparators.AddRange(Comparator.Parse(tokens[i], whole));
        }

        if (comparators.Count == 0)
        {
            comparators.AddRange(Comparator.Parse("*", whole));
        }

        return comparators;
    }

    private static List<string> Tokenize(string group)
    {
        // "> = 1.2" style spacing after operators is joined back to its version, as Masterminds' regexp allows.
        var raw = group.Replace(',', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var tokens = new List<string>();
        foreach (var token in raw)
        {
            if (tokens.Count > 0 && tokens[^1].Length > 0 && tokens[^1].All(ch => "=<>!~^".Contains(ch, StringComparison.Ordinal)))
            {
                tokens[^1] += token;
            }
            else
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }
}
