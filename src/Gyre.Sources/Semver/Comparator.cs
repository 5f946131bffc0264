using NuGet.Versioning;

namespace Gyre.Sources.Semver;

/// <summary>One comparison of a <see cref="SemverConstraint"/>: an interval test plus the version it names.</summary>
internal sealed record Comparator(SemanticVersion Version, Func<SemanticVersion, bool> Test)
{
    public bool Matches(SemanticVersion version) => Test(version);

    /// <summary>Parses one comparator token such as <c>&gt;=1.2</c>, <c>~1.2.3</c>, <c>^0.2</c>, <c>1.2.x</c>.</summary>
    public static IEnumerable<Comparator> Parse(string token, string whole)
    {
        var op = new string(token.TakeWhile(ch => "=<>!~^".Contains(ch, StringComparison.Ordinal)).ToArray());
        var partial = PartialVersion.Parse(token[op.Length..], whole);
        var min = partial.Min;
        var upper = partial.UpperExclusive;
        Func<SemanticVersion, bool> test = op switch
        {
            "" or "=" => partial.IsComplete ? v => VersionComparer.VersionRelease.Equals(v, min) : v => v >= min && v < upper,
            "!=" => partial.IsComplete ? v => !VersionComparer.VersionRelease.Equals(v, min) : v => !(v >= min && v < upper),
            ">" => partial.IsComplete ? v => v > min : v => v >= upper,
            ">=" or "=>" => v => v >= min,
            "<" => v => v < min,
            "<=" or "=<" => partial.IsComplete ? v => v <= min : v => v < upper,
            "~" or "~>" => Tilde(partial),
            "^" => Caret(partial),
            _ => throw new FormatException($"semver constraint '{whole}': unknown operator '{op}'"),
        };
        yield return new Comparator(min, test);
    }

    /// <summary>A hyphen range <c>a - b</c>: <c>&gt;= a, &lt;= b</c> with b's missing parts as wildcards.</summary>
    public static IEnumerable<Comparator> Hyphen(string from, string to, string whole)
    {
        var low = PartialVersion.Parse(from, whole);
        var high = PartialVersion.Parse(to, whole);
        var min = low.Min;
        var max = high.Min;
        var upper = high.UpperExclusive;
        yield return new Comparator(min, v => v >= min);
        yield return new Comparator(max, high.IsComplete ? v => v <= max : v => v < upper);
    }

    private static Func<SemanticVersion, bool> Tilde(PartialVersion p)
    {
        var min = p.Min;
        var upper = p.Minor is null ? p.UpperExclusive : new SemanticVersion(p.Major ?? 0, p.Minor.Value + 1, 0);
        return v => v >= min && v < upper;
    }

    private static Func<SemanticVersion, bool> Caret(PartialVersion p)
    {
        var min = p.Min;
        SemanticVersion upper;
        if (p.Major is null || p.Major > 0 || p.Minor is null)
        {
            upper = p.Major is null ? p.UpperExclusive : new SemanticVersion(p.Major.Value + 1, 0, 0);
        }
        else if (p.Minor > 0 || p.Patch is null)
        {
            upper = new SemanticVersion(0, p.Minor.Value + 1, 0);
        }
        else
        {
            upper = new SemanticVersion(0, 0, p.Patch.Value + 1);
        }

        return v => v >= min && v < upper;
    }
}
